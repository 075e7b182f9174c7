/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-extract"

/* Statement extraction over any article text. The first byte picks the
 * language and whether the article has a date, so the Vietnamese and
 * English rules and the date resolution are all reached. Every statement
 * must point at a real span of the body. */

#include "fuzz-common.h"
#include "tp-extractor.h"
#include "tp-lexicon.h"

static TpExtractor *extractor;

void
fuzz_target_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = tp_lexicon_new_default (&error);

  g_assert_no_error (error);
  extractor = tp_extractor_new (lexicon);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const languages[] = { "vi", "en", "ru", "uk", NULL };
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *body = NULL;
  glong n_chars;
  guint8 mode;

  if (size < 1)
    return 0;
  mode = data[0];
  body = fuzz_make_text (data + 1, size - 1);

  article = tp_article_new ();
  article->language = g_strdup (languages[mode % G_N_ELEMENTS (languages)]);
  if (mode & 0x10)
    article->published = g_strdup ((mode & 0x20) ? "2023-07-04" : "2024-02-29T10:00:00Z");
  article->title = g_strdup ("Fuzzed article");
  tp_article_set_body (article, body);
  n_chars = g_utf8_strlen (article->body, -1);

  statements = tp_extractor_run (extractor, article);
  g_assert_nonnull (statements);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);

      if (s->start < 0 || s->end < s->start || s->end > n_chars)
        g_error ("statement span %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                 " outside a body of %ld characters", s->start, s->end, n_chars);
      if (s->text == NULL || !g_utf8_validate (s->text, -1, NULL))
        g_error ("statement text missing or not UTF-8");
      if (s->confidence < 0 || s->confidence > 1)
        g_error ("confidence %f outside 0..1", s->confidence);
    }
  return 0;
}
