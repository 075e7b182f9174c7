/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-search"

/* Whatever a journalist types in the search box (FTS5 syntax included)
 * searches a small library, or fails with a TP_STORE_ERROR; it never
 * crashes and never reaches FTS5 as raw syntax. */

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "tp-store.h"

static TpStore *store;

static const char * const bodies[] = {
  "Người phát ngôn Điện Kremlin Dmitry Peskov cho biết hôm 4/7 rằng “Nga sẵn sàng đàm phán”.",
  "\"We will not trade territory for a ceasefire,\" Zelenskiy said in Kyiv on Friday.",
  "Ngoại trưởng Mỹ Antony Blinken nói Washington sẽ tiếp tục viện trợ cho Ukraine.",
  "The Kremlin said sanctions would not change its course, according to Ushakov.",
};

void
fuzz_target_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("triptych-fuzz-search-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "library.db", NULL);
  store = tp_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TpArticle) article = tp_article_new ();
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
      TpStatement *s = tp_statement_new ();

      article->title = g_strdup_printf ("Article %u", i);
      article->language = g_strdup (i % 2 ? "en" : "vi");
      article->published = g_strdup_printf ("2024-0%u-01", i + 1);
      tp_article_set_body (article, bodies[i]);

      s->kind = TP_STATEMENT_INDIRECT;
      s->start = 0;
      s->end = 20;
      s->text = g_utf8_substring (article->body, 0, 20);
      s->speaker = g_strdup ("Peskov");
      s->confidence = 0.5;
      g_ptr_array_add (statements, s);

      tp_store_add_article (store, article, statements, NULL, &error);
      g_assert_no_error (error);
    }
  /* The library stays in the temporary folder for the life of the run. */
}

static void
search (const char    *query,
        TpSearchScope  scope,
        TpSearchOrder  order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 count;

  hits = tp_store_search (store, query, scope, order, 0, 20, &error);
  if (hits == NULL)
    {
      if (error == NULL || error->domain != TP_STORE_ERROR)
        g_error ("search failed without a store error");
      return;
    }
  g_assert_null (error);
  count = tp_store_count_search (store, query, scope, &error);
  if (error != NULL)
    g_error ("the search worked but its count failed: %s", error->message);
  if (count < hits->len)
    g_error ("count %" G_GINT64_FORMAT " below %u hits", count, hits->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = fuzz_make_text (data, size);

  search (query, TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST);
  search (query, TP_SEARCH_STATEMENTS, TP_SEARCH_RELEVANCE);
  return 0;
}
