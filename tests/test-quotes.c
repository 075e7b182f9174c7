/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-quotes"

#include "config.h"

#include "tp-quote-scanner.h"

typedef struct
{
  const char *text;
  const char *expected;   /* "depth:content|depth:content", in order of opening */
} QuoteCase;

static const QuoteCase quote_cases[] = {
  { "Ông nói: “Chúng tôi sẵn sàng”.", "0:Chúng tôi sẵn sàng" },
  { "He said \"we are ready\" and left.", "0:we are ready" },
  { "Он сказал: «Мы готовы».", "0:Мы готовы" },
  { "Sie sagte: „Wir sind bereit“.", "0:Wir sind bereit" },
  { "‘Single’ quotes", "0:Single" },
  /* nesting of another type */
  { "“Mọi ‘kế hoạch hòa bình’ chỉ nằm trên giấy”, ông nói.",
    "0:Mọi ‘kế hoạch hòa bình’ chỉ nằm trên giấy|1:kế hoạch hòa bình" },
  { "«Он назвал это „провокацией“», — сказал он.", "0:Он назвал это „провокацией“|1:провокацией" },
  { "\"We call it the 'victory plan',\" he said.", "0:We call it the 'victory plan',|1:victory plan" },
  /* apostrophes are not quotes */
  { "Russia’s position and Kyiv’s plan", "" },
  { "It's the Kremlin's view, don't forget", "" },
  { "“Russia’s terms are clear,” he said.", "0:Russia’s terms are clear," },
  /* two quotes in a sentence */
  { "“A b c”, ông nói, “d e f”.", "0:A b c|0:d e f" },
  /* English continuation over paragraphs */
  { "“First paragraph of the quote.\n“Second paragraph,” he said.",
    "0:First paragraph of the quote.\n“Second paragraph," },
  /* an unclosed quote at a paragraph's end is dropped when the next
   * paragraph does not reopen it */
  { "“Never closed\nNext paragraph with “a quote”.", "0:a quote" },
  { "A stray closer” here and “a real one”.", "0:a real one" },
  { "Unbalanced \"ascii\n\"Reopened and closed\" here.", "0:ascii\n\"Reopened and closed" },
  { "", "" },
  { "“", "" },
  { "”“”“", "0:" },                     /* an empty pair is still a pair */
};

static void
test_quotes_table (gconstpointer data)
{
  const QuoteCase *c = data;
  glong len = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4 (c->text, -1, NULL, &len, NULL);
  g_autoptr(GArray) quotes = tp_scan_quotes (text, len);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < quotes->len; i++)
    {
      const TpQuote *q = &g_array_index (quotes, TpQuote, i);
      g_autofree char *inside = g_ucs4_to_utf8 (text + q->open + 1, q->close - q->open - 1,
                                                NULL, NULL, NULL);

      g_assert_cmpuint (q->open, <, q->close);
      g_assert_cmpuint (q->close, <, (gsize) len);
      if (got->len > 0)
        g_string_append_c (got, '|');
      g_string_append_printf (got, "%u:%s", q->depth, inside);
    }
  g_assert_cmpstr (got->str, ==, c->expected);
}

static void
test_quotes_continued_flag (void)
{
  const char *s = "“One.\n“Two,” he said.";
  glong len = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4 (s, -1, NULL, &len, NULL);
  g_autoptr(GArray) quotes = tp_scan_quotes (text, len);

  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_true (g_array_index (quotes, TpQuote, 0).continued);
}

/* Many quotation marks, balanced or not, in linear time. */
static void
test_quotes_many (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  glong len = 0;
  g_autofree gunichar *text = NULL;
  g_autoptr(GArray) quotes = NULL;
  gint64 start;

  for (guint i = 0; i < 20000; i++)
    g_string_append (s, i % 7 == 0 ? "“open only " : "“quoted words” and \"more\" ");
  text = g_utf8_to_ucs4 (s->str, -1, NULL, &len, NULL);
  start = g_get_monotonic_time ();
  quotes = tp_scan_quotes (text, len);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (quotes->len, >, 20000);
}

/* Runs of stray marks (garbage input) stay linear too. */
static void
test_quotes_stray_runs (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  glong len = 0;
  g_autofree gunichar *text = NULL;
  g_autoptr(GArray) quotes = NULL;
  gint64 start;

  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "“");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '"');
  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "»");
  text = g_utf8_to_ucs4 (s->str, -1, NULL, &len, NULL);
  start = g_get_monotonic_time ();
  quotes = tp_scan_quotes (text, len);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  for (guint i = 0; i < quotes->len; i++)
    g_assert_cmpuint (g_array_index (quotes, TpQuote, i).close, <, (gsize) len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (quote_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/quotes/table/%u", i);

      g_test_add_data_func (path, &quote_cases[i], test_quotes_table);
    }
  g_test_add_func ("/quotes/continued", test_quotes_continued_flag);
  g_test_add_func ("/quotes/many", test_quotes_many);
  g_test_add_func ("/quotes/stray-runs", test_quotes_stray_runs);

  return g_test_run ();
}
