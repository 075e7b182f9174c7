/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dates"

#include "config.h"

#include "tp-date-resolver.h"

typedef struct
{
  const char *text;
  const char *published;
  const char *expected;   /* NULL: no date */
} DateCase;

static const DateCase date_cases[] = {
  { "ông Trump hôm 4/7 than phiền rằng", "2025-07-05", "2025-07-04" },
  { "Hôm 14/6, ông Putin đưa ra", "2024-11-12", "2024-06-14" },
  { "nói với báo giới ngày 16/5", "2025-06-20", "2025-05-16" },
  { "vào hôm thứ Sáu (4/7), ông nói", "2025-07-06", "2025-07-04" },
  { "hôm 4/7/2023", "2025-07-05", "2023-07-04" },
  { "ngày 16 tháng 5 năm 2024", "2025-07-05", "2024-05-16" },
  { "ngày 16 tháng 5", "2025-07-05", "2025-05-16" },
  /* a day later than the article was said the year before */
  { "hôm 28/12", "2025-01-03", "2024-12-28" },
  { "hôm 29/2", "2025-03-01", "2024-02-29" },  /* the last leap day */
  { "hôm qua", "2025-07-05", "2025-07-04" },
  { "hôm nay", "2025-07-05", "2025-07-05" },
  { "hôm thứ Hai", "2025-07-05", "2025-06-30" },
  { "said on Friday", "2025-07-05", "2025-07-04" },
  { "said on Saturday", "2025-07-05", "2025-07-05" },
  { "told reporters on Monday", "2025-07-02", "2025-06-30" },
  { "on July 4", "2025-07-05", "2025-07-04" },
  { "on July 4, 2023", "2025-07-05", "2023-07-04" },
  { "on 4 July", "2025-07-05", "2025-07-04" },
  { "on Dec. 30", "2025-01-02", "2024-12-30" },
  { "yesterday", "2025-03-01", "2025-02-28" },
  { "told reporters last Friday", "2025-03-14", "2025-03-07" },
  { "said last Friday", "2025-03-12", "2025-03-07" },
  { "said late on Monday", "2025-03-14", "2025-03-10" },
  { "hôm thứ Năm (6/3)", "2025-03-14", "2025-03-06" },
  { "vào tối 5/7", "2025-03-14", "2024-07-05" },
  { "sáng 12/3", "2025-03-14", "2025-03-12" },
  { "ngày 3 tháng 7", "2025-07-10", "2025-07-03" },
  { "on March 3", "2025-03-14", "2025-03-03" },
  { "hôm thứ Năm", "2025-03-13", "2025-03-13" },  /* the article's own day */
  { "hôm thứ Sáu", "2025-03-13", "2025-03-07" },
  { "Zelensky said yesterday", "2025-03-14", "2025-03-13" },
  /* not dates */
  { "said last week", "2025-03-14", NULL },
  { "tuần trước", "2025-03-14", NULL },
  { "earlier this month", "2025-03-14", NULL },
  { "đầu tháng này", "2025-03-14", NULL },
  { "vào tháng 2/2022, vài ngày trước", "2024-11-12", NULL },
  { "chiếm 1/3 lãnh thổ", "2025-07-05", NULL },
  { "trong vòng 24 giờ", "2025-07-05", NULL },
  { "hôm 31/2", "2025-07-05", NULL },
  { "it may be 4 more years", "2025-07-05", NULL },
  { "", "2025-07-05", NULL },
  /* nothing before 1 January of the year 1, where GDate stops (a page can
   * claim to be that old) */
  { "yesterday", "0001-01-01", NULL },
  { "hôm kia", "0001-01-02", NULL },
  { "said last Sunday", "0001-01-01", NULL },
  { "hôm nay", "0001-01-01", "0001-01-01" },
  { "yesterday", "0001-01-02", "0001-01-01" },
  { "hôm 4/7", "-001-07-05", NULL },   /* no year -1 (GDate would read 65535) */
  /* without an article date only full dates resolve */
  { "hôm 4/7", NULL, NULL },
  { "on Friday", NULL, NULL },
  { "hôm 4/7/2025", NULL, "2025-07-04" },
  { "on July 4, 2025", "not a date", "2025-07-04" },
};

static void
test_dates_table (gconstpointer data)
{
  const DateCase *c = data;
  g_autofree char *got = tp_resolve_date (c->text, c->published);

  g_assert_cmpstr (got, ==, c->expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dates/table/%u", i);

      g_test_add_data_func (path, &date_cases[i], test_dates_table);
    }

  return g_test_run ();
}
