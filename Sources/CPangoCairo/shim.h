/* cairo (PDF and PNG surfaces) and pango (text layout through cairo), from Debian's
   libcairo2-dev and libpango1.0-dev: what Reports/PDF draws client quotes with.
   fontconfig is reached through pango's fontconfig font map, to give it a configuration
   of its own (Reports/PDF/PDFTypesetter.swift). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/* glibc's syncfs (a GNU extension the Swift Glibc module leaves out): a batch's client
   quotes are synced to the disk once, not file by file. */
int syncfs(int fd);
