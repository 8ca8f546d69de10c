/* cairo (PDF and PNG surfaces) and pango (text layout through cairo), from Debian's
   libcairo2-dev and libpango1.0-dev: what Reports/PDF draws client quotes with. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
