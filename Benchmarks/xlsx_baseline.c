/* Baseline for the XLSX batch: the same cells as spaquote's Quotes sheet, written with
 * libxlsxwriter in constant_memory mode. It reads a quotes CSV that spaquote wrote and
 * writes each cell with spaquote's types: money as numbers in a currency format, counts
 * as numbers, dates as date cells, the rest as strings, plus the header row.
 * usage: xlsx_baseline QUOTES.csv OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_fields.h"
#include <xlsxwriter.h>


static int is_money(int c) { return (c >= 8 && c <= 12 && c != 11) || (c >= 14 && c <= 21 && c != 13); }

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: xlsx_baseline IN OUT\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror("open"); return 1; }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Quotes");
    lxw_format *moneyf = workbook_add_format(wb), *datef = workbook_add_format(wb), *pctf = workbook_add_format(wb);
    format_set_num_format(moneyf, "\"$\"#,##0.00");
    format_set_num_format(datef, "yyyy-mm-dd");
    format_set_num_format(pctf, "0.####\"%\"");
    static char buf[1 << 16], field[MAXF][512];
    lxw_row_t row = 0;
    while (fgets(buf, sizeof buf, in)) {
        int nf = split_fields(buf, field);
        for (int c = 0; c < nf; c++) {
            const char *f = field[c];
            if (row == 0 || !*f) { if (*f) worksheet_write_string(ws, row, c, f, NULL); continue; }
            if (is_money(c)) worksheet_write_number(ws, row, c, atof(f), moneyf);
            else if (c == 11) worksheet_write_number(ws, row, c, atof(f), pctf);
            else if (c == 6 || c == 7) worksheet_write_number(ws, row, c, atof(f), NULL);
            else if ((c >= 22 && c <= 25) || c == 29 || c == 31) {
                lxw_datetime d = {atoi(f), atoi(f + 5), atoi(f + 8), 0, 0, 0};
                worksheet_write_datetime(ws, row, c, &d, datef);
            } else worksheet_write_string(ws, row, c, f, NULL);
        }
        row++;
    }
    fclose(in);
    lxw_error e = workbook_close(wb);
    if (e) { fprintf(stderr, "%s\n", lxw_strerror(e)); return 1; }
    return 0;
}
