/* Baseline for the CSV batch: read the requests CSV with stdio, split each record into
 * fields (RFC 4180 quoting), and write a CSV row of the same shape as a quote (34 fields:
 * the request's text fields and 2-decimal numbers and ISO dates computed with integer
 * arithmetic). It prices nothing: it is the floor for "read this CSV, write that CSV".
 * usage: csv_baseline REQUESTS.csv OUT.csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_fields.h"

#define MAXL (1 << 20)

static void money(FILE *o, long long c) { fprintf(o, "%lld.%02lld,", c / 100, c % 100); }

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: csv_baseline IN OUT\n"); return 2; }
    FILE *in = fopen(argv[1], "r"), *out = fopen(argv[2], "w");
    if (!in || !out) { perror("open"); return 1; }
    static char buf[MAXL], field[MAXF][512];
    int nf, header = 1;
    long long row = 0;
    while (fgets(buf, sizeof buf, in)) {
        nf = split_fields(buf, field);
        if (header) { header = 0; fputs("quote_id,request_id,client,location,tier,areas,sessions,spacing_weeks,session_list_price,session_price,list_total,series_discount_percent,series_discount,promo_code,promo_discount,treatment_net,addons_total,tax,total,deposit,balance,per_session_price,quote_date,first_session,last_session,valid_until,rate_card_version,addons,price_limit,start_date,status,accepted_on,rate_card_name,currency\r\n", out); continue; }
        if (nf < 13) continue;
        long long s = atoll(field[5]), base = 37500 + (row % 7) * 1000, total = base * s;
        fprintf(out, "Q-%012llx,%s,", (unsigned long long)row * 2654435761u, field[0]);
        if (strchr(field[1], ',')) fprintf(out, "\"%s\",", field[1]); else fprintf(out, "%s,", field[1]);
        fprintf(out, "%s,%s,%s,%lld,%s,", field[2], field[3], field[4], s, field[6][0] ? field[6] : "4");
        money(out, base); money(out, base); money(out, total); fputs("10,", out); money(out, total / 10);
        fprintf(out, "%s,", field[9]); money(out, 5000); money(out, total - total / 10 - 5000); money(out, 8995);
        money(out, 798); money(out, total + 8995); money(out, total / 5); money(out, total - total / 5); money(out, base);
        fprintf(out, "%s,2026-12-%02lld,2027-03-%02lld,2026-12-%02lld,2026.4,%s,,%s,%s,%s,Microneedling rate card winter 2026,USD\r\n",
                field[10], row % 28 + 1, row % 28 + 1, row % 28 + 1, field[8], field[10], field[11], field[12]);
        row++;
    }
    if (fclose(out) != 0) { perror("close"); return 1; }
    fclose(in);
    return 0;
}
