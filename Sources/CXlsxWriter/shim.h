#include <xlsxwriter.h>
#include <zlib.h>
#include <stddef.h>

/* glibc's memmem (a GNU extension the Swift Glibc module leaves out), used to count rows
   when checking a written workbook. */
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
