/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include "tp-store-private.h"
#include "test-store-util.h"

/* Short articles written for these tests. Two spell "peace" with the tone
 * mark on different letters (hòa / hoà), as Vietnamese outlets do. */
static const struct
{
  const char *title;
  const char *date;
  const char *body;
  const char *quote;
  const char *speaker;
  const char *side;
} corpus[] = {
  { "Điện Kremlin bình luận", "2025-07-04",
    "Người phát ngôn Điện Kremlin Dmitry Peskov cho biết Nga không vội vàng.",
    "Nga không vội vàng", "Dmitry Peskov", "moscow" },
  { "Kêu gọi hòa bình", "2025-07-01",
    "Tổng thống Ukraine kêu gọi hòa bình công bằng và lâu dài.",
    "hòa bình công bằng và lâu dài", "Tổng thống Ukraine", "kyiv" },
  { "Đàm phán hoà bình", "2025-07-02",
    "Ngoại trưởng Mỹ nói đàm phán hoà bình cần thời gian ở Đà Nẵng.",
    "đàm phán hoà bình cần thời gian", "Ngoại trưởng Mỹ", "washington" },
  { "Script in a page", "2025-06-30",
    "A page said <script>alert(1)</script> and \"quotes\" & ampersands about the Kremlin.",
    "quotes", "Unknown", NULL },
};

typedef struct
{
  TestLibrary lib;
  TpStore *store;
  gint64 ids[G_N_ELEMENTS (corpus)];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_library_init (&f->lib);
  f->store = tp_store_open (f->lib.path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(TpArticle) article = make_article (corpus[i].title, NULL, "Sample", "vi",
                                                   corpus[i].date, corpus[i].body);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);

      g_ptr_array_add (statements, make_statement (corpus[i].body, corpus[i].quote,
                                                   corpus[i].speaker, NULL, corpus[i].side,
                                                   NULL));
      g_assert_true (tp_store_add_article (f->store, article, statements, &f->ids[i], &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_library_clear (&f->lib);
}

/* The article ids @query finds, newest first, as indexes into corpus[]. */
static char *
search_articles (Fixture    *f,
                 const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  hits = tp_store_search (f->store, query, TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      TpSearchHit *hit = g_ptr_array_index (hits, i);

      for (guint c = 0; c < G_N_ELEMENTS (corpus); c++)
        if (f->ids[c] == hit->article_id)
          g_string_append_printf (out, "%s%u", out->len ? "," : "", c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_finds(f, query, expected) \
  G_STMT_START { \
    g_autofree char *_found = search_articles ((f), (query)); \
    g_assert_cmpstr (_found, ==, (expected)); \
  } G_STMT_END

/* Tests */

static void
test_tokenizer (void)
{
  g_autoptr(GPtrArray) tokens = _tp_store_tokenize ("Điện Kremlin, hoà-bình HÒA 2.000 Зеленский ĐÀ");
  const char *expected[] = { "dien", "kremlin", "hoa", "binh", "hoa", "2", "000", "зеленский", "da" };

  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    g_assert_cmpstr (g_ptr_array_index (tokens, i), ==, expected[i]);
}

static void
test_query_builder (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "dien kremlin", "\"dien\" \"kremlin\"*" },
    { "dien kremlin ", "\"dien\" \"kremlin\"" },
    { "Mát-xcơ-va", "\"mat xco va\"" },
    { "Mát-xcơ-va dien kre", "\"mat xco va\" \"dien\" \"kre\"*" },
    { "tai t", "\"tai\" \"t\"" },
    { "tai th", "\"tai\" \"th\"" },
    { "tai thi", "\"tai\" \"thi\"*" },
    { "\"", NULL },
    { "*", NULL },
    { "   ", NULL },
    { "NEAR(", "\"near\"" },
    { "a OR b", "\"a\" \"or\" \"b\"" },
    { "a OR bcd", "\"a\" \"or\" \"bcd\"*" },
    { "peskov\"", "\"peskov\"" },
    { "title:peskov", "\"title peskov\"*" },
    { "\"hoa binh\"", "\"hoa binh\"" },
    { "peskov \"hoa binh", "\"peskov\" \"hoa binh\"*" },
    { "\"\"dien\"\"", "\"dien\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = _tp_store_build_fts_query (cases[i].in);

      g_assert_cmpstr (q, ==, cases[i].out);
    }
}

static void
test_fold_dien_kremlin (Fixture       *f,
                        gconstpointer  data)
{
  assert_finds (f, "dien kremlin", "0");
  assert_finds (f, "DIEN KREMLIN", "0");
  assert_finds (f, "Điện Kremlin", "0");
  assert_finds (f, "điên kremlin", "0");
  /* "kremlin" alone is in the English page too, which is older. */
  assert_finds (f, "kremlin", "0,3");
}

static void
test_fold_hoa_binh (Fixture       *f,
                    gconstpointer  data)
{
  /* Newest first: 2025-07-02 (hoà) before 2025-07-01 (hòa). */
  assert_finds (f, "hoa binh", "2,1");
  assert_finds (f, "hòa bình", "2,1");
  assert_finds (f, "hoà bình", "2,1");
  assert_finds (f, "HOÀ BÌNH", "2,1");
  assert_finds (f, "\"hoa binh\"", "2,1");
}

static void
test_fold_d_stroke (Fixture       *f,
                    gconstpointer  data)
{
  assert_finds (f, "da nang", "2");
  assert_finds (f, "dam phan", "2");
  assert_finds (f, "Đàm", "2");
}

static void
test_prefix (Fixture       *f,
             gconstpointer  data)
{
  assert_finds (f, "krem", "0,3");
  assert_finds (f, "dien krem", "0");
  assert_finds (f, "pes", "0");
  /* Two letters are a word, not a prefix. */
  assert_finds (f, "pe", "");
  /* A finished word (trailing space) is not a prefix any more. */
  assert_finds (f, "pes ", "");
  assert_finds (f, "peskov ", "0");
}

static void
test_newest_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  TestLibrary lib;
  const guint n = 40;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);

  /* Stored in an order unrelated to their dates. */
  for (guint i = 0; i < n; i++)
    {
      guint day = (i * 7) % n;
      g_autofree char *date = g_strdup_printf ("2025-%02u-%02u", 1 + day / 28, 1 + day % 28);
      g_autofree char *body = g_strdup_printf ("Ông Peskov nói về ngừng bắn, bài %u.%s", day,
                                               day == 3 ? " Ngừng bắn, ngừng bắn, ngừng bắn." : "");
      g_autoptr(TpArticle) article = make_article ("Ngừng bắn", NULL, "Sample", "vi", date, body);

      g_assert_true (tp_store_add_article (store, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  hits = tp_store_search (store, "ngung ban", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, n);
  for (guint i = 1; i < hits->len; i++)
    {
      TpSearchHit *prev = g_ptr_array_index (hits, i - 1);
      TpSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_cmpstr (prev->published, >, hit->published);
    }
  g_assert_cmpint (tp_store_count_search (store, "ngung ban", TP_SEARCH_ARTICLES, NULL), ==, n);

  /* Pages continue where the last one ended. */
  page = tp_store_search (store, "ngung ban", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 10, 5, &error);
  g_assert_cmpuint (page->len, ==, 5);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (((TpSearchHit *) g_ptr_array_index (page, i))->article_id, ==,
                     ((TpSearchHit *) g_ptr_array_index (hits, 10 + i))->article_id);

  /* By relevance, the article that repeats the words comes first. */
  ranked = tp_store_search (store, "ngung ban", TP_SEARCH_ARTICLES, TP_SEARCH_RELEVANCE, 0, 3,
                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 3);
  g_assert_nonnull (strstr (((TpSearchHit *) g_ptr_array_index (ranked, 0))->snippet, "bài 3."));
  g_assert_cmpfloat (((TpSearchHit *) g_ptr_array_index (ranked, 0))->rank, <,
                     ((TpSearchHit *) g_ptr_array_index (ranked, 1))->rank);

  g_clear_object (&store);
  test_library_clear (&lib);
}

static void
test_statements (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  TpStatementFilter filter = { .query = "hoa binh" };
  TpSearchHit *hit;

  hits = tp_store_search (f->store, "hoa binh", TP_SEARCH_STATEMENTS, TP_SEARCH_NEWEST, 0, 0,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, TP_SEARCH_HIT_STATEMENT);
  g_assert_cmpint (hit->article_id, ==, f->ids[2]);
  g_assert_cmpint (hit->statement_id, >, 0);
  g_assert_cmpstr (hit->side, ==, "washington");
  g_assert_cmpstr (hit->speaker, ==, "Ngoại trưởng Mỹ");
  g_assert_cmpstr (hit->snippet, ==, "đàm phán hoà bình cần thời gian");
  g_assert_cmpstr (hit->snippet_markup, ==, "đàm phán <b>hoà</b> <b>bình</b> cần thời gian");

  /* Speakers are searchable too. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tp_store_search (f->store, "ngoai truong", TP_SEARCH_STATEMENTS, TP_SEARCH_RELEVANCE, 0,
                          0, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  statements = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  filter.side = "kyiv";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
}

static void
test_snippet_escaped (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  TpSearchHit *hit;

  hits = tp_store_search (f->store, "script alert", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 0,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_nonnull (strstr (hit->snippet, "<script>alert(1)</script>"));
  g_assert_null (strstr (hit->snippet_markup, "<script>"));
  g_assert_nonnull (strstr (hit->snippet_markup, "&lt;<b>script</b>&gt;<b>alert</b>(1)"));
  g_assert_nonnull (strstr (hit->snippet_markup, "&amp;"));
}

static const char *hostile[] = {
  "\"", "\"\"", "*", "**", "NEAR(", "NEAR(a b", "NEAR(kremlin peskov, 2)", "OR", "AND", "NOT",
  "kremlin OR", "OR kremlin", "\"unbalanced", "peskov\"", "(", ")", "((kremlin", "^", "^kremlin",
  ":", "title:", "title:kremlin", "{title body}: kremlin", "-kremlin", "+", "kremlin*", "*kremlin",
  "'; DROP TABLE article; --", "\\", "%", "_", "\x01\x02", "kremlin \xff\xfe", "NULL", "rowid",
  "article_fts", "\"dien\" AND \"kremlin\"", "…", "“Điện Kremlin”", "«Кремль»",
};

static void
test_hostile_query (gconstpointer data)
{
  const char *query = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  TpArticleFilter article_filter = { .query = query };
  TpStatementFilter statement_filter = { .query = query };
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TpArticle) article = make_article ("Điện Kremlin", NULL, "Sample", "vi", "2025-07-04",
                                                 "Điện Kremlin và ông Peskov nói “hòa bình” OR not.");

    g_assert_true (tp_store_add_article (store, article, NULL, NULL, &error));
  }

  for (TpSearchScope scope = TP_SEARCH_ARTICLES; scope <= TP_SEARCH_STATEMENTS; scope++)
    for (TpSearchOrder order = TP_SEARCH_NEWEST; order <= TP_SEARCH_RELEVANCE; order++)
      {
        hits = tp_store_search (store, query, scope, order, 0, 20, &error);
        g_assert_no_error (error);
        g_assert_nonnull (hits);
        g_clear_pointer (&hits, g_ptr_array_unref);
      }
  g_assert_cmpint (tp_store_count_search (store, query, TP_SEARCH_ARTICLES, &error), >=, 0);
  g_assert_no_error (error);
  hits = tp_store_list_articles (store, &article_filter, 0, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tp_store_list_statements (store, &statement_filter, 0, 10, &error);
  g_assert_no_error (error);

  /* The library is intact. */
  g_assert_cmpint (tp_store_count_articles (store, NULL, &error), ==, 1);

  g_clear_object (&store);
  test_library_clear (&lib);
}

static void
test_hostile_words_are_words (Fixture       *f,
                              gconstpointer  data)
{
  /* Operators become plain words: "OR" must occur, it does not widen. */
  assert_finds (f, "kremlin OR", "");
  assert_finds (f, "peskov\"", "0");
  assert_finds (f, "\"unbalanced", "");
  assert_finds (f, "“Điện Kremlin”", "0");
  assert_finds (f, "NEAR(kremlin peskov, 2)", "");
  assert_finds (f, "*kremlin", "0,3");
}

/* A word being typed is searched, newest first, as the words of the
 * library it may become (the vocabulary), and by relevance and in counts
 * as an FTS5 prefix: both must find the same. */
static void
assert_prefix_same (TpStore    *store,
                    const char *query)
{
  for (TpSearchScope scope = TP_SEARCH_ARTICLES; scope <= TP_SEARCH_STATEMENTS; scope++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) newest = NULL;
      g_autoptr(GPtrArray) ranked = NULL;
      g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
      gint64 count;

      newest = tp_store_search (store, query, scope, TP_SEARCH_NEWEST, 0, 0, &error);
      g_assert_no_error (error);
      ranked = tp_store_search (store, query, scope, TP_SEARCH_RELEVANCE, 0, 0, &error);
      g_assert_no_error (error);
      count = tp_store_count_search (store, query, scope, &error);
      g_assert_no_error (error);
      g_assert_cmpint (newest->len, ==, count);
      g_assert_cmpint (ranked->len, ==, count);
      for (guint i = 0; i < newest->len; i++)
        {
          TpSearchHit *hit = g_ptr_array_index (newest, i);

          g_hash_table_add (ids, scope == TP_SEARCH_ARTICLES ? &hit->article_id
                                                             : &hit->statement_id);
        }
      for (guint i = 0; i < ranked->len; i++)
        {
          TpSearchHit *hit = g_ptr_array_index (ranked, i);

          g_assert_true (g_hash_table_contains (ids, scope == TP_SEARCH_ARTICLES
                                                     ? &hit->article_id : &hit->statement_id));
        }
    }
}

static void
test_prefix_words (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const queries[] = {
    "pesk", "Pesko", "kremli", "điện kreml", "thời gi", "hoà bìn", "hòa bình c", "lâu dà",
    "vội", "Ngoại trưởng", "amper", "nothing", "zapor", "podol", "Đà Nẵ",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  const char *body = "Zaporizhzhia nuclear plant: Podolyak said talks are needed.";

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_prefix_same (f->store, queries[i]);

  /* Words of a batch rolled back are not in the library... */
  {
    g_autoptr(TpArticle) article = make_article ("Zaporizhzhia", NULL, "Sample", "en",
                                                 "2025-07-08", body);

    g_assert_true (tp_store_begin_batch (f->store, &error));
    g_assert_true (tp_store_add_article (f->store, article, NULL, NULL, &error));
    g_assert_no_error (error);
    tp_store_rollback_batch (f->store);
    assert_prefix_same (f->store, "zapor");
    assert_finds (f, "zapor", "");
  }
  /* ...and are found once stored, also through a statement's new speaker. */
  {
    g_autoptr(TpArticle) article = make_article ("Zaporizhzhia", NULL, "Sample", "en",
                                                 "2025-07-08", body);
    g_autoptr(TpStatement) statement = NULL;

    g_assert_true (tp_store_add_article (f->store, article, NULL, NULL, &error));
    g_assert_no_error (error);
    statements = tp_store_list_statements (f->store, NULL, 0, 1, &error);
    g_assert_no_error (error);
    statement = tp_statement_ref (g_ptr_array_index (statements, 0));
    g_free (statement->speaker);
    statement->speaker = g_strdup ("Mykhailo Podolyak");
    g_assert_true (tp_store_update_statement (f->store, statement, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_prefix_same (f->store, queries[i]);
  {
    g_autoptr(GPtrArray) hits = tp_store_search (f->store, "podoly", TP_SEARCH_STATEMENTS,
                                                 TP_SEARCH_NEWEST, 0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }

  /* Another connection reads the same vocabulary. */
  g_clear_object (&f->store);
  f->store = tp_store_open (f->lib.path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_prefix_same (f->store, queries[i]);
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/search/tokenizer", test_tokenizer);
  g_test_add_func ("/search/query-builder", test_query_builder);
  ADD ("/search/fold/dien-kremlin", test_fold_dien_kremlin);
  ADD ("/search/fold/hoa-binh", test_fold_hoa_binh);
  ADD ("/search/fold/d-stroke", test_fold_d_stroke);
  ADD ("/search/prefix", test_prefix);
  ADD ("/search/prefix-words", test_prefix_words);
  g_test_add_func ("/search/newest-first", test_newest_first);
  ADD ("/search/statements", test_statements);
  ADD ("/search/snippet-escaped", test_snippet_escaped);
  ADD ("/search/hostile/words", test_hostile_words_are_words);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_strdup_printf ("/search/hostile/%u", i);

      g_test_add_data_func (path, hostile[i], test_hostile_query);
    }

#undef ADD

  return g_test_run ();
}
