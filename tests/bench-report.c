/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "test-report-util.h"

/* Exports N statements (10,000 by default) to every report format and
 * prints the seconds each takes; the target is at most 5 s per format.
 * usage: bench-report [N_STATEMENTS] */

static const char * const sides[] = { "moscow", "washington", "kyiv" };
static const char * const topics[] = {
  "negotiations", "ceasefire", "territory", "nato-neutrality", "military-aid", "sanctions",
  "prisoner-exchange", "security-guarantees", "energy", "war-aims",
};
static const char * const sentences[] = {
  "Điện Kremlin cho biết Moskva sẵn sàng đàm phán nhưng sẽ không từ bỏ các mục tiêu đã đề ra",
  "The United States will keep supporting Ukraine for as long as it takes, the secretary said",
  "Киев не согласится ни на какие территориальные уступки, заявил президент Украины",
  "Ukraine cần thêm hệ thống phòng không để bảo vệ các thành phố và cơ sở hạ tầng năng lượng",
  "Washington and its allies are preparing new sanctions against Russian banks and exporters",
};

#define PER_ARTICLE 10

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 10000;
  ReportLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpComparison) comparison = NULL;
  TpComparisonFilter filter = { .with_annotations = TRUE };
  TpReportOptions options = { NULL, TRUE, TRUE, TP_REPORT_PAPER_A4, FALSE };
  gint64 tag;
  GTimer *timer;
  guint made = 0;
  gboolean over = FALSE;

  setlocale (LC_ALL, "C.UTF-8");
  if (n == 0)
    n = 10000;
  report_library_init (&lib);
  timer = g_timer_new ();

  /* A library of N statements in articles of ten, spread over the sides
   * and topics, a few tagged and annotated. */
  tag = tp_store_ensure_tag (lib.store, "kiểm chứng", &error);
  g_assert_no_error (error);
  for (guint a = 0; made < n; a++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
      g_autoptr(TpArticle) article = NULL;
      g_autofree char *title = g_strdup_printf ("Bản tin số %u về chiến sự Ukraine", a);
      g_autofree char *url = g_strdup_printf ("https://example.org/news/%u", a);
      g_autofree char *published = g_strdup_printf ("2025-%02u-%02u", 1 + a % 12, 1 + a % 28);

      for (guint i = 0; i < PER_ARTICLE; i++)
        g_string_append_printf (body, "Đoạn %u.%u: “%s”, người phát ngôn nói.\n", a, i,
                                sentences[(a + i) % G_N_ELEMENTS (sentences)]);
      article = report_article (title, a % 3 ? "VTC News" : "Sample Wire", url, NULL, "vi",
                                published, body->str);
      for (guint i = 0; i < PER_ARTICLE && made < n; i++, made++)
        {
          g_autofree char *needle = g_strdup_printf ("Đoạn %u.%u: “%s”", a, i,
                                                     sentences[(a + i) % G_N_ELEMENTS (sentences)]);
          TpStatement *s = report_statement (body->str, needle, TP_STATEMENT_DIRECT, "ông Peskov",
                                             "peskov", "Dmitry Peskov", sides[made % 3],
                                             topics[(made / 3) % G_N_ELEMENTS (topics)], published);

          g_ptr_array_add (st, s);
        }
      report_add_article (lib.store, article, st);
      for (guint i = 0; i < st->len; i += 5)
        {
          gint64 id = ((TpStatement *) g_ptr_array_index (st, i))->id;

          tp_store_tag_statement (lib.store, id, tag, &error);
          tp_store_add_note (lib.store, id, "Đã đối chiếu với bản gốc, \"khớp\".", NULL, &error);
          g_assert_no_error (error);
        }
    }
  printf ("library: %u statements in %.2f s\n", n, g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  comparison = tp_comparison_new (lib.store, &filter, &error);
  g_assert_no_error (error);
  printf ("comparison: %u statements in %.2f s\n", tp_comparison_get_n_statements (comparison),
          g_timer_elapsed (timer, NULL));

  for (TpReportFormat format = TP_REPORT_FORMAT_HTML; format <= TP_REPORT_FORMAT_ODT; format++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("bench-%s", tp_report_format_to_string (format));
      GStatBuf st;
      double seconds;
      clock_t cpu = clock ();

      g_timer_start (timer);
      path = report_write_file (comparison, format, &options, lib.dir, name);
      seconds = g_timer_elapsed (timer, NULL);
      g_stat (path, &st);
      /* CPU time too: on a busy machine the wall clock measures the others. */
      printf ("%-5s %6.2f s  (cpu %5.2f s, all threads)  %8.1f KiB%s\n",
              tp_report_format_to_string (format), seconds,
              (clock () - cpu) / (double) CLOCKS_PER_SEC, st.st_size / 1024.0,
              seconds > 5.0 ? "  OVER THE 5 s TARGET" : "");
      over |= seconds > 5.0;
    }

  g_timer_destroy (timer);
  report_library_clear (&lib);
  return over ? 1 : 0;
}
