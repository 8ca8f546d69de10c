/* The RFC 4180 field splitter both baselines use: splits one line (quoted fields with
 * doubled quotes; a trailing empty field kept) into field[0..n). Returns n. */
#ifndef CSV_FIELDS_H
#define CSV_FIELDS_H
#define MAXF 64
static int split_fields(const char *p, char field[MAXF][512]) {
    int nf = 0;
    while (*p && *p != '\n' && *p != '\r' && nf < MAXF) {
        int n = 0, q = 0;
        if (*p == '"') { q = 1; p++; }
        while (*p) {
            if (q && *p == '"') { if (p[1] == '"') { field[nf][n++] = '"'; p += 2; continue; } q = 0; p++; continue; }
            if (!q && (*p == ',' || *p == '\n' || *p == '\r')) break;
            if (n < 511) field[nf][n++] = *p;
            p++;
        }
        field[nf][n] = 0; nf++;
        if (*p == ',') {
            p++;
            if ((*p == '\r' || *p == '\n' || !*p) && nf < MAXF) field[nf++][0] = 0;  /* trailing empty field */
        }
    }
    return nf;
}
#endif
