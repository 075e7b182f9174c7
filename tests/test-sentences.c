/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sentences"

#include "config.h"

#include "tp-quote-scanner.h"
#include "tp-sentence-splitter.h"

typedef struct
{
  const char *text;
  const char *expected;   /* sentences joined by " | " */
} SentenceCase;

static const SentenceCase sentence_cases[] = {
  { "Một. Hai! Ba? Bốn…", "Một. | Hai! | Ba? | Bốn…" },
  /* abbreviations, initials, numbers and dates */
  { "Ông đến TP.HCM hôm qua. Ông đi tiếp.", "Ông đến TP.HCM hôm qua. | Ông đi tiếp." },
  { "The U.S. President spoke. He left.", "The U.S. President spoke. | He left." },
  { "Mr. Smith met Dr. Jones. They talked.", "Mr. Smith met Dr. Jones. | They talked." },
  { "J. D. Vance spoke on Friday. Nothing changed.", "J. D. Vance spoke on Friday. | Nothing changed." },
  { "Hôm 3/7 có 2.000 người. Hôm 4/7 có 3.500,5 người.",
    "Hôm 3/7 có 2.000 người. | Hôm 4/7 có 3.500,5 người." },
  { "Giá tăng 2.5 lần. Tiếp theo.", "Giá tăng 2.5 lần. | Tiếp theo." },
  /* a lowercase word after a period does not start a sentence */
  { "Ở km. số 5 vẫn giao tranh.", "Ở km. số 5 vẫn giao tranh." },
  /* never inside quotation marks */
  { "“Chúng tôi sẵn sàng. Quả bóng ở phía Kiev”, ông nói. Hết.",
    "“Chúng tôi sẵn sàng. Quả bóng ở phía Kiev”, ông nói. | Hết." },
  { "\"We are ready. The ball is in their court,\" he said.",
    "\"We are ready. The ball is in their court,\" he said." },
  /* a quotation that ends its own sentence */
  { "“Chúng tôi sẵn sàng.” Ông Peskov nói vậy.", "“Chúng tôi sẵn sàng.” | Ông Peskov nói vậy." },
  { "He said it was “over.” Then he left.", "He said it was “over.” | Then he left." },
  /* paragraphs always end sentences, except inside a continued quote */
  { "Đoạn một không có dấu chấm\nĐoạn hai.", "Đoạn một không có dấu chấm | Đoạn hai." },
  { "“First part.\n“Second part,” he said. Next.", "“First part.\n“Second part,” he said. | Next." },
  { "", "" },
  { "   \n  \n", "" },
};

static void
test_sentences_table (gconstpointer data)
{
  const SentenceCase *c = data;
  glong len = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4 (c->text, -1, NULL, &len, NULL);
  g_autoptr(GArray) quotes = tp_scan_quotes (text, len);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (TpQuote));
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < quotes->len; i++)
    if (g_array_index (quotes, TpQuote, i).depth == 0)
      g_array_append_val (top, g_array_index (quotes, TpQuote, i));
  sentences = tp_split_sentences (text, len, top);
  for (guint i = 0; i < sentences->len; i++)
    {
      const TpSpan *s = &g_array_index (sentences, TpSpan, i);
      g_autofree char *str = g_ucs4_to_utf8 (text + s->start, s->end - s->start, NULL, NULL, NULL);

      g_assert_cmpuint (s->start, <, s->end);
      if (i > 0)
        {
          g_assert_cmpuint (g_array_index (sentences, TpSpan, i - 1).end, <=, s->start);
          g_string_append (got, " | ");
        }
      g_string_append (got, str);
    }
  g_assert_cmpstr (got->str, ==, c->expected);
}

static void
test_sentences_paragraphs (void)
{
  const char *s = "Một. Hai.\nBa.\n\nBốn.";
  glong len = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4 (s, -1, NULL, &len, NULL);
  g_autoptr(GArray) quotes = tp_scan_quotes (text, len);
  g_autoptr(GArray) sentences = tp_split_sentences (text, len, quotes);

  g_assert_cmpuint (sentences->len, ==, 4);
  g_assert_cmpuint (g_array_index (sentences, TpSpan, 0).paragraph, ==, 0);
  g_assert_cmpuint (g_array_index (sentences, TpSpan, 1).paragraph, ==, 0);
  g_assert_cmpuint (g_array_index (sentences, TpSpan, 2).paragraph, ==, 1);
  g_assert_cmpuint (g_array_index (sentences, TpSpan, 3).paragraph, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sentence_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sentences/table/%u", i);

      g_test_add_data_func (path, &sentence_cases[i], test_sentences_table);
    }
  g_test_add_func ("/sentences/paragraphs", test_sentences_paragraphs);

  return g_test_run ();
}
