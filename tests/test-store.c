/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include "tp-store-private.h"
#include "test-store-util.h"

/* Articles written for these tests, in the style of the press Triptych reads. */
static const char body_vi[] =
  "Người phát ngôn Điện Kremlin Dmitry Peskov hôm 4/7 cho biết Moskva sẵn sàng đàm phán.\n"
  "“Chúng tôi muốn hòa bình”, ông Peskov nói.\n"
  "Ngoại trưởng Mỹ nói Washington sẽ tiếp tục viện trợ quân sự.";

static const char body_en[] =
  "KYIV (Sample Wire) - President Volodymyr Zelensky said on Friday that Ukraine "
  "would not cede territory.\n"
  "\"We will not trade land for peace,\" Zelensky said.\n"
  "The Kremlin called the remarks \"unrealistic\".";

typedef struct
{
  TestLibrary lib;
  TpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_library_init (&f->lib);
  f->store = tp_store_open (f->lib.path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_library_clear (&f->lib);
}

static gint64
add_vi (Fixture    *f,
        const char *url,
        const char *published)
{
  g_autoptr(TpArticle) article = make_article ("Điện Kremlin nói về hòa bình", url,
                                               "VTC News (sample)", "vi", published, body_vi);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_ptr_array_add (statements, make_statement (body_vi, "Chúng tôi muốn hòa bình", "ông Peskov",
                                               "peskov", "moscow", "negotiations"));
  g_ptr_array_add (statements, make_statement (body_vi, "Washington sẽ tiếp tục viện trợ quân sự",
                                               "Ngoại trưởng Mỹ", "blinken", "washington",
                                               "military_aid"));
  tp_article_add_caption (article, "Ông Peskov. Ảnh: Sputnik.");
  g_assert_true (tp_store_add_article (f->store, article, statements, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (article->id, ==, id);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);

      g_assert_cmpint (s->id, >, 0);
      g_assert_cmpint (s->article_id, ==, id);
    }
  return id;
}

static gint64
add_en (Fixture    *f,
        const char *published)
{
  g_autoptr(TpArticle) article = make_article ("Zelensky rules out land for peace",
                                               "https://example.org/sample/zelensky",
                                               "Sample Wire", "en", published, body_en);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_ptr_array_add (statements, make_statement (body_en, "We will not trade land for peace,",
                                               "Zelensky", "zelensky", "kyiv", "territory"));
  g_assert_true (tp_store_add_article (f->store, article, statements, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Tests */

static void
test_open_creates_folders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autofree char *path = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  path = g_build_filename (lib.dir, "a", "b", "library.db", NULL);
  store = tp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);

  /* The default lexicon was copied in. */
  lexicon = tp_store_load_lexicon (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tp_lexicon_lookup_side (lexicon, "moscow"));
  g_assert_nonnull (tp_lexicon_lookup_side (lexicon, "washington"));
  g_assert_nonnull (tp_lexicon_lookup_side (lexicon, "kyiv"));
  g_assert_cmpuint (tp_lexicon_get_actors (lexicon)->len, >=, 10);
  g_assert_cmpuint (tp_lexicon_get_topics (lexicon)->len, >=, 5);

  g_clear_object (&store);
  test_library_clear (&lib);
}

static gpointer
open_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (data, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);
  return NULL;
}

static void
test_open_concurrent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpLexicon) defaults = NULL;
  GThread *threads[4];
  TestLibrary lib;

  /* The GUI and the CLI creating the same new library at once. */
  test_library_init (&lib);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_in_thread, lib.path);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  lexicon = tp_store_load_lexicon (store, &error);
  defaults = tp_lexicon_new_default (&error);
  g_assert_no_error (error);
  /* The default lexicon is in once, not once per program. */
  g_assert_cmpuint (tp_lexicon_get_sides (lexicon)->len, ==, tp_lexicon_get_sides (defaults)->len);
  g_assert_cmpuint (tp_lexicon_get_actors (lexicon)->len, ==,
                    tp_lexicon_get_actors (defaults)->len);
  g_assert_cmpuint (tp_lexicon_get_topics (lexicon)->len, ==,
                    tp_lexicon_get_topics (defaults)->len);
  {
    /* The defaults list some aliases twice; the library keeps each once. */
    g_autoptr(GHashTable) distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *aliases = tp_lexicon_get_aliases (defaults);

    for (guint i = 0; i < aliases->len; i++)
      {
        const TpLexiconAlias *a = g_ptr_array_index (aliases, i);

        g_hash_table_add (distinct, g_strdup_printf ("%s|%s|%s|%d|%s|%s", a->actor,
                                                     a->language ? a->language : "",
                                                     a->text, a->role,
                                                     a->valid_from ? a->valid_from : "",
                                                     a->valid_until ? a->valid_until : ""));
      }
    g_assert_cmpuint (tp_lexicon_get_aliases (lexicon)->len, ==, g_hash_table_size (distinct));
  }
  g_assert_cmpuint (tp_lexicon_get_cues (lexicon)->len, ==, tp_lexicon_get_cues (defaults)->len);

  g_clear_object (&store);
  test_library_clear (&lib);
}

static void
test_open_foreign_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  TestLibrary lib;
  char junk[4096];

  test_library_init (&lib);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char) ((i * 37) & 0xff);
  g_assert_true (g_file_set_contents (lib.path, junk, sizeof junk, NULL));
  before = read_file_bytes (lib.path);

  store = tp_store_open (lib.path, &error);
  g_assert_null (store);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY);
  after = read_file_bytes (lib.path);
  g_assert_true (g_bytes_equal (before, after));

  test_library_clear (&lib);
}

static void
test_article_add_get (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  TpStatementFilter filter = { 0 };
  gint64 id = add_vi (f, "https://example.org/sample/peskov", "2025-07-05");

  article = tp_store_get_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->body, ==, body_vi);
  g_assert_cmpstr (article->title, ==, "Điện Kremlin nói về hòa bình");
  g_assert_cmpstr (article->outlet, ==, "VTC News (sample)");
  g_assert_cmpstr (article->language, ==, "vi");
  g_assert_cmpstr (article->published, ==, "2025-07-05");
  g_assert_nonnull (article->imported);
  g_assert_cmpuint (article->captions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (article->captions, 0), ==, "Ông Peskov. Ảnh: Sputnik.");

  filter.article_id = id;
  statements = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);
      const char *from = g_utf8_offset_to_pointer (article->body, (glong) s->start);
      const char *to = g_utf8_offset_to_pointer (article->body, (glong) s->end);
      g_autofree char *span = g_strndup (from, to - from);

      /* A statement points back to the exact span of its article. */
      g_assert_cmpstr (span, ==, s->text);
      g_assert_cmpuint (s->topics->len, ==, 1);
      g_assert_cmpint (s->review, ==, TP_REVIEW_AUTO);
    }

  g_clear_pointer (&article, tp_article_unref);
  article = tp_store_get_article (f->store, id + 100, &error);
  g_assert_null (article);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

static void
test_article_duplicate_url (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) other = make_article ("Another text", "https://example.org/sample/peskov",
                                             "Sample", "en", "2025-07-06",
                                             "Completely different text at the same address.");
  gint64 id = add_vi (f, "https://example.org/sample/peskov", "2025-07-05");
  gint64 dup_id = 0;

  g_assert_false (tp_store_add_article (f->store, other, NULL, &dup_id, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_assert_cmpint (dup_id, ==, id);
  g_assert_cmpint (other->id, ==, 0);
  g_assert_cmpint (tp_store_count_articles (f->store, NULL, NULL), ==, 1);
}

static void
test_article_duplicate_hash (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) copy = make_article ("Same text, other address",
                                            "https://mirror.example.org/x", "Mirror", "vi",
                                            NULL, body_vi);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  gint64 id = add_vi (f, NULL, "2025-07-05");
  gint64 dup_id = 0;

  g_ptr_array_add (statements, make_statement (body_vi, "Chúng tôi muốn hòa bình", "Peskov",
                                               "peskov", "moscow", NULL));
  g_assert_false (tp_store_add_article (f->store, copy, statements, &dup_id, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_assert_cmpint (dup_id, ==, id);
  g_assert_cmpint (tp_store_count_articles (f->store, NULL, NULL), ==, 1);
  g_assert_cmpint (tp_store_count_statements (f->store, NULL, NULL), ==, 2);
}

static void
test_article_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  TpStatement *bad;
  Fixture f = { 0 };

  fixture_setup (&f, NULL);
  add_en (&f, "2025-06-01");
  g_clear_object (&f.store);
  before = read_file_bytes (f.lib.path);

  f.store = tp_store_open (f.lib.path, &error);
  g_assert_no_error (error);
  article = make_article ("Half an article", NULL, "Sample", "vi", "2025-07-05", body_vi);
  g_ptr_array_add (statements, make_statement (body_vi, "Chúng tôi muốn hòa bình", "Peskov",
                                               "peskov", "moscow", "negotiations"));
  /* The second statement's span runs past the body: the whole article,
   * including the first statement already written, must be rolled back. */
  bad = make_statement (body_vi, "Moskva", "Peskov", "peskov", "moscow", NULL);
  bad->end = 100000;
  g_ptr_array_add (statements, bad);

  g_assert_false (tp_store_add_article (f.store, article, statements, NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
  g_assert_cmpint (article->id, ==, 0);
  g_assert_cmpint (((TpStatement *) g_ptr_array_index (statements, 0))->id, ==, 0);
  g_assert_cmpint (tp_store_count_articles (f.store, NULL, NULL), ==, 1);
  g_assert_cmpint (tp_store_count_statements (f.store, NULL, NULL), ==, 1);
  g_clear_error (&error);

  /* An empty article is refused too. */
  g_clear_pointer (&article, tp_article_unref);
  article = make_article ("Empty", NULL, "Sample", "vi", NULL, "");
  g_assert_false (tp_store_add_article (f.store, article, NULL, NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);

  g_clear_object (&f.store);
  after = read_file_bytes (f.lib.path);
  g_assert_true (g_bytes_equal (before, after));
  fixture_teardown (&f, NULL);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) reader = NULL;
  gint64 dup_id = 0;

  reader = tp_store_open (f->lib.path, &error);
  g_assert_no_error (error);

  g_assert_true (tp_store_begin_batch (f->store, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s\nBài %u.", body_vi, i);
      g_autoptr(TpArticle) article = make_article ("Batch", NULL, "Sample", "vi", "2025-07-05", body);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);

      g_ptr_array_add (statements, make_statement (body, "Chúng tôi muốn hòa bình", "Peskov",
                                                   "peskov", "moscow", NULL));
      if (i == 2)
        ((TpStatement *) g_ptr_array_index (statements, 0))->end = 100000;
      if (i == 2)
        {
          /* Refused before anything is written: the batch goes on. */
          g_assert_false (tp_store_add_article (f->store, article, statements, NULL, &error));
          g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
          g_clear_error (&error);
          continue;
        }
      g_assert_true (tp_store_add_article (f->store, article, statements, NULL, &error));
      g_assert_no_error (error);
    }
  {
    /* A duplicate of an article of the same batch is found too. */
    g_autofree char *body = g_strdup_printf ("%s\nBài %u.", body_vi, 0);
    g_autoptr(TpArticle) again = make_article ("Batch", NULL, "Sample", "vi", "2025-07-05", body);

    g_assert_false (tp_store_add_article (f->store, again, NULL, &dup_id, &error));
    g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
    g_assert_cmpint (dup_id, >, 0);
    g_clear_error (&error);
  }

  /* Nothing is visible to another connection before the commit. */
  g_assert_cmpint (tp_store_count_articles (reader, NULL, &error), ==, 0);
  g_assert_true (tp_store_commit_batch (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tp_store_count_articles (reader, NULL, &error), ==, 4);
  g_assert_cmpint (tp_store_count_statements (reader, NULL, &error), ==, 4);
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* A rolled back batch leaves nothing. */
  g_assert_true (tp_store_begin_batch (f->store, &error));
  add_en (f, "2025-07-09");
  tp_store_rollback_batch (f->store);
  g_assert_cmpint (tp_store_count_articles (f->store, NULL, &error), ==, 4);
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

/* In a batch the statements' topics are written at its end, sorted
 * (defer_topic()): a write of another kind in the batch sees them, the
 * commit writes and counts them, a rollback drops them. */
static void
test_batch_topics (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(TpStatement) stored = NULL;
  TpStatementFilter filter = { 0 };
  TpStatement *s;

  g_assert_true (tp_store_begin_batch (f->store, &error));
  add_vi (f, NULL, "2025-07-05");
  add_en (f, "2024-03-01");
  /* A correction inside the batch: it reads and rewrites the topics. */
  filter.side = "washington";
  statements = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  s = g_ptr_array_index (statements, 0);
  g_assert_cmpuint (s->topics->len, ==, 1);
  tp_statement_add_topic (s, "us_russia");
  g_assert_true (tp_store_update_statement (f->store, s, &error));
  g_assert_no_error (error);
  g_assert_true (tp_store_commit_batch (f->store, &error));
  g_assert_no_error (error);

  stored = tp_store_get_statement (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->topics->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (stored->topics, 0), ==, "military_aid");
  g_assert_cmpstr (g_ptr_array_index (stored->topics, 1), ==, "us_russia");
  filter.side = NULL;
  filter.topic = "territory";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
  filter.topic = "negotiations";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
  /* The comparison counts match the rows. */
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* Rolled back, nothing of the batch is written later either. */
  {
    g_autofree char *text = g_strconcat (body_vi, "\nBài sau.", NULL);
    g_autoptr(TpArticle) article = make_article ("Rolled back", NULL, "Sample", "vi",
                                                 "2025-07-06", text);
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);

    g_ptr_array_add (more, make_statement (text, "Chúng tôi muốn hòa bình", "ông Peskov",
                                           "peskov", "moscow", "negotiations"));
    g_assert_true (tp_store_begin_batch (f->store, &error));
    g_assert_true (tp_store_add_article (f->store, article, more, NULL, &error));
    g_assert_no_error (error);
    tp_store_rollback_batch (f->store);
  }
  g_assert_true (tp_store_begin_batch (f->store, &error));
  g_assert_true (tp_store_commit_batch (f->store, &error));
  g_assert_no_error (error);
  filter.topic = "negotiations";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_article_cascade_delete (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  TpStatementFilter filter = { 0 };
  gint64 id = add_vi (f, NULL, "2025-07-05");
  gint64 other = add_en (f, "2025-07-01");
  gint64 tag, statement_id;

  filter.article_id = id;
  statements = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  statement_id = ((TpStatement *) g_ptr_array_index (statements, 0))->id;
  tag = tp_store_ensure_tag (f->store, "to check", &error);
  g_assert_no_error (error);
  g_assert_true (tp_store_tag_statement (f->store, statement_id, tag, &error));
  g_assert_true (tp_store_add_note (f->store, statement_id, "Call the press office", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tp_store_delete_article (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tp_store_count_articles (f->store, NULL, NULL), ==, 1);
  g_assert_cmpint (tp_store_count_statements (f->store, NULL, NULL), ==, 1);
  notes = tp_store_list_notes (f->store, statement_id, &error);
  g_assert_cmpuint (notes->len, ==, 0);
  tags = tp_store_list_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpuint (((TpTag *) g_ptr_array_index (tags, 0))->n_statements, ==, 0);

  /* Nothing of it is left in the full-text index either. */
  hits = tp_store_search (f->store, "peskov", TP_SEARCH_STATEMENTS, TP_SEARCH_NEWEST, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tp_store_search (f->store, "kremlin", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((TpSearchHit *) g_ptr_array_index (hits, 0))->article_id, ==, other);

  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (tp_store_delete_article (f->store, id, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

static void
test_article_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) outlets = NULL;
  TpArticleFilter filter = { 0 };
  TpArticleSummary *row;
  gint64 vi = add_vi (f, NULL, "2025-07-05");
  gint64 en = add_en (f, "2025-07-10");

  rows = tp_store_list_articles (f->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Newest first, by publication date, not by insertion. */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->article->id, ==, en);
  g_assert_null (row->article->body);
  g_assert_cmpuint (tp_article_summary_get_side_count (row, "kyiv"), ==, 1);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->article->id, ==, vi);
  g_assert_cmpuint (row->n_statements, ==, 2);
  g_assert_cmpuint (tp_article_summary_get_side_count (row, "moscow"), ==, 1);
  g_assert_cmpuint (tp_article_summary_get_side_count (row, "washington"), ==, 1);
  g_assert_cmpuint (tp_article_summary_get_side_count (row, "kyiv"), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = tp_store_list_articles (f->store, NULL, 1, 1, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TpArticleSummary *) g_ptr_array_index (rows, 0))->article->id, ==, vi);
  g_clear_pointer (&rows, g_ptr_array_unref);

  filter.language = "vi";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 1);
  filter.language = NULL;
  filter.outlet = "Sample Wire";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 1);
  filter.outlet = NULL;
  filter.date_from = "2025-07-06";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 1);
  filter.date_until = "2025-07-09";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 0);
  filter.date_from = "2025-07-05";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 1);
  filter.date_from = "July 5";
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, &error), ==, -1);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  memset (&filter, 0, sizeof filter);
  filter.query = "dien kremlin";
  rows = tp_store_list_articles (f->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TpArticleSummary *) g_ptr_array_index (rows, 0))->article->id, ==, vi);

  outlets = tp_store_list_outlets (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (outlets), ==, 2);
}

static void
test_statement_update (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(TpStatement) stored = NULL;
  TpStatementFilter filter = { .side = "washington" };
  TpStatement *s;

  add_vi (f, NULL, "2025-07-05");
  statements = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  s = g_ptr_array_index (statements, 0);

  /* Unchanged fields: the status stays as it was. */
  g_assert_true (tp_store_update_statement (f->store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->review, ==, TP_REVIEW_AUTO);

  /* A correction by hand makes it "edited". */
  g_free (s->speaker);
  s->speaker = g_strdup ("Ngoại trưởng Mỹ Marco Rubio");
  g_free (s->actor_key);
  s->actor_key = g_strdup ("rubio");
  tp_statement_add_topic (s, "us_russia");
  g_free (s->said_on);
  s->said_on = g_strdup ("2025-07-04");
  g_assert_true (tp_store_update_statement (f->store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->review, ==, TP_REVIEW_EDITED);

  stored = tp_store_get_statement (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->speaker, ==, "Ngoại trưởng Mỹ Marco Rubio");
  g_assert_cmpstr (stored->actor_key, ==, "rubio");
  g_assert_cmpstr (stored->said_on, ==, "2025-07-04");
  g_assert_cmpint (stored->review, ==, TP_REVIEW_EDITED);
  g_assert_cmpuint (stored->topics->len, ==, 2);
  g_assert_true (tp_statement_has_topic (stored, "us_russia"));

  /* An explicit confirmation is kept as given. */
  g_free (stored->side);
  stored->side = NULL;
  stored->review = TP_REVIEW_CONFIRMED;
  g_assert_true (tp_store_update_statement (f->store, stored, &error));
  g_assert_cmpint (stored->review, ==, TP_REVIEW_CONFIRMED);
  filter.side = "";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);

  g_assert_true (tp_store_set_statement_review (f->store, stored->id, TP_REVIEW_REJECTED, &error));
  filter.side = NULL;
  filter.review_mask = TP_REVIEW_MASK (TP_REVIEW_REJECTED);
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
  filter.review_mask = TP_REVIEW_MASK (TP_REVIEW_AUTO) | TP_REVIEW_MASK (TP_REVIEW_CONFIRMED);
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);

  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* A bad date is refused. */
  g_free (stored->said_on);
  stored->said_on = g_strdup ("hôm 4/7");
  g_assert_false (tp_store_update_statement (f->store, stored, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
}

static void
test_statement_manual_preserved (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(TpStatement) manual = tp_statement_new ();
  TpStatementFilter filter = { 0 };
  const char *needle = "Moskva sẵn sàng đàm phán";
  const char *at = strstr (body_vi, needle);
  gint64 id = add_vi (f, NULL, "2025-07-05");
  gint64 manual_id = 0, confirmed_id;
  guint n_manual = 0, n_confirmed = 0;

  /* A journalist marks a reported statement the machine missed... */
  manual->kind = TP_STATEMENT_INDIRECT;
  manual->start = g_utf8_pointer_to_offset (body_vi, at);
  manual->end = manual->start + g_utf8_strlen (needle, -1);
  manual->speaker = g_strdup ("Dmitry Peskov");
  manual->side = g_strdup ("moscow");
  g_assert_true (tp_store_add_statement (f->store, id, manual, &manual_id, &error));
  g_assert_no_error (error);
  g_assert_true (manual->manual);
  g_assert_cmpint (manual_id, ==, manual->id);

  /* ...and confirms another. */
  filter.article_id = id;
  filter.side = "moscow";
  before = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_cmpuint (before->len, ==, 2);
  confirmed_id = 0;
  for (guint i = 0; i < before->len; i++)
    {
      TpStatement *s = g_ptr_array_index (before, i);

      if (!s->manual)
        confirmed_id = s->id;
      else
        g_assert_cmpstr (s->text, ==, needle);
    }
  g_assert_true (tp_store_set_statement_review (f->store, confirmed_id, TP_REVIEW_CONFIRMED, &error));

  /* Re-analysis: one new statement overlaps the manual one and is dropped,
   * one is new. The washington statement (auto) is replaced. */
  g_ptr_array_add (fresh, make_statement (body_vi, "Moskva sẵn sàng", "Peskov", "peskov",
                                          "moscow", NULL));
  g_ptr_array_add (fresh, make_statement (body_vi, "Washington sẽ tiếp tục", "Mỹ", NULL,
                                          "washington", NULL));
  g_assert_true (tp_store_replace_statements (f->store, id, fresh, &error));
  g_assert_no_error (error);

  memset (&filter, 0, sizeof filter);
  filter.article_id = id;
  after = tp_store_list_statements (f->store, &filter, 0, 0, &error);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    {
      TpStatement *s = g_ptr_array_index (after, i);

      if (s->manual)
        {
          n_manual++;
          g_assert_cmpint (s->id, ==, manual_id);
        }
      if (s->review == TP_REVIEW_CONFIRMED)
        {
          n_confirmed++;
          g_assert_cmpint (s->id, ==, confirmed_id);
        }
      if (g_strcmp0 (s->side, "washington") == 0)
        g_assert_cmpstr (s->text, ==, "Washington sẽ tiếp tục");
    }
  g_assert_cmpuint (n_manual, ==, 1);
  g_assert_cmpuint (n_confirmed, ==, 1);
  g_assert_true (_tp_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* A span outside the body is refused. */
  manual->id = 0;
  manual->end = 99999;
  g_assert_false (tp_store_add_statement (f->store, id, manual, NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  TpStatementFilter filter = { 0 };
  gint64 a = 0, b = 0, dup = 0, s1, s2;

  add_vi (f, NULL, "2025-07-05");
  statements = tp_store_list_statements (f->store, NULL, 0, 0, &error);
  s1 = ((TpStatement *) g_ptr_array_index (statements, 0))->id;
  s2 = ((TpStatement *) g_ptr_array_index (statements, 1))->id;

  g_assert_true (tp_store_create_tag (f->store, "Ceasefire talks", "#3584e4", &a, &error));
  g_assert_no_error (error);
  g_assert_false (tp_store_create_tag (f->store, "  ceasefire TALKS ", NULL, &dup, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_assert_cmpint (dup, ==, a);
  g_clear_error (&error);
  g_assert_false (tp_store_create_tag (f->store, "   ", NULL, NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  b = tp_store_ensure_tag (f->store, "check", &error);
  g_assert_cmpint (b, >, 0);
  g_assert_cmpint (tp_store_ensure_tag (f->store, "check", &error), ==, b);

  g_assert_true (tp_store_tag_statement (f->store, s1, a, &error));
  g_assert_true (tp_store_tag_statement (f->store, s1, a, &error));
  g_assert_true (tp_store_tag_statement (f->store, s2, b, &error));
  g_assert_true (tp_store_tag_statement (f->store, s1, b, &error));
  g_assert_false (tp_store_tag_statement (f->store, s1 + 1000, b, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  filter.tag = "Ceasefire talks";
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);

  g_assert_false (tp_store_rename_tag (f->store, b, "ceasefire talks", &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (tp_store_rename_tag (f->store, b, "To verify", &error));
  g_assert_true (tp_store_set_tag_color (f->store, b, "#e01b24", &error));

  /* Merging keeps every statement of both, once. */
  g_assert_true (tp_store_merge_tags (f->store, a, b, &error));
  g_assert_no_error (error);
  tags = tp_store_list_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((TpTag *) g_ptr_array_index (tags, 0))->name, ==, "To verify");
  g_assert_cmpstr (((TpTag *) g_ptr_array_index (tags, 0))->color, ==, "#e01b24");
  g_assert_cmpuint (((TpTag *) g_ptr_array_index (tags, 0))->n_statements, ==, 2);
  g_clear_pointer (&tags, g_ptr_array_unref);

  g_assert_true (tp_store_untag_statement (f->store, s1, b, &error));
  tags = tp_store_list_statement_tags (f->store, s1, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_clear_pointer (&tags, g_ptr_array_unref);

  g_assert_true (tp_store_delete_tag (f->store, b, &error));
  tags = tp_store_list_statement_tags (f->store, s2, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_assert_false (tp_store_delete_tag (f->store, b, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

static void
test_notes_and_stars (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  TpStatementFilter filter = { .starred_only = TRUE };
  gint64 s, n1 = 0, n2 = 0;
  gboolean starred = TRUE;
  TpNote *note;

  add_vi (f, NULL, "2025-07-05");
  statements = tp_store_list_statements (f->store, NULL, 0, 0, &error);
  s = ((TpStatement *) g_ptr_array_index (statements, 0))->id;

  g_assert_true (tp_store_add_note (f->store, s, "Ghi chú: kiểm tra lại nguồn", &n1, &error));
  g_assert_true (tp_store_add_note (f->store, s, "Second note", &n2, &error));
  g_assert_no_error (error);
  g_assert_false (tp_store_add_note (f->store, s + 1000, "Orphan", NULL, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tp_store_update_note (f->store, n1, "Đã kiểm tra", &error));
  notes = tp_store_list_notes (f->store, s, &error);
  g_assert_cmpuint (notes->len, ==, 2);
  note = g_ptr_array_index (notes, 0);
  g_assert_cmpint (note->id, ==, n1);
  g_assert_cmpstr (note->text, ==, "Đã kiểm tra");
  g_assert_nonnull (note->created);
  g_assert_nonnull (note->modified);
  g_assert_cmpstr (note->created, <=, note->modified);
  g_clear_pointer (&notes, g_ptr_array_unref);

  g_assert_true (tp_store_delete_note (f->store, n2, &error));
  g_assert_false (tp_store_delete_note (f->store, n2, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  notes = tp_store_list_notes (f->store, s, &error);
  g_assert_cmpuint (notes->len, ==, 1);

  g_assert_true (tp_store_get_statement_starred (f->store, s, &starred, &error));
  g_assert_false (starred);
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 0);
  g_assert_true (tp_store_set_statement_starred (f->store, s, TRUE, &error));
  g_assert_true (tp_store_get_statement_starred (f->store, s, &starred, &error));
  g_assert_true (starred);
  g_assert_cmpint (tp_store_count_statements (f->store, &filter, NULL), ==, 1);
}

static void
test_feeds (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeed) feed = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  TpArticleFilter filter = { 0 };
  gint64 id = 0, dup = 0, article;

  g_assert_true (tp_store_add_feed (f->store, "https://example.org/feed.xml", NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_false (tp_store_add_feed (f->store, "https://example.org/feed.xml", "x", &dup, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE);
  g_assert_cmpint (dup, ==, id);
  g_clear_error (&error);

  feed = tp_store_get_feed (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->url, ==, "https://example.org/feed.xml");
  g_assert_null (feed->etag);
  g_assert_nonnull (feed->added);

  g_free (feed->etag);
  feed->etag = g_strdup ("\"abc\"");
  feed->last_modified = g_strdup ("Sat, 05 Jul 2025 10:00:00 GMT");
  feed->title = g_strdup ("Sample feed");
  feed->refresh_interval = 900;
  feed->last_checked = g_strdup ("2025-07-05T10:00:00Z");
  feed->last_error = g_strdup ("HTTP 500");
  feed->error_count = 2;
  feed->fetch_full_page = TRUE;
  g_assert_true (tp_store_update_feed (f->store, feed, &error));
  g_assert_no_error (error);

  article = add_en (f, "2025-07-05");
  g_assert_true (tp_store_set_article_feed (f->store, article, id, &error));
  filter.feed_id = id;
  g_assert_cmpint (tp_store_count_articles (f->store, &filter, NULL), ==, 1);

  feeds = tp_store_list_feeds (f->store, &error);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_clear_pointer (&feed, tp_feed_free);
  feed = tp_feed_copy (g_ptr_array_index (feeds, 0));
  g_assert_cmpstr (feed->etag, ==, "\"abc\"");
  g_assert_cmpstr (feed->last_modified, ==, "Sat, 05 Jul 2025 10:00:00 GMT");
  g_assert_cmpstr (feed->title, ==, "Sample feed");
  g_assert_cmpuint (feed->refresh_interval, ==, 900);
  g_assert_cmpuint (feed->error_count, ==, 2);
  g_assert_cmpstr (feed->last_error, ==, "HTTP 500");
  g_assert_true (feed->fetch_full_page);
  g_assert_cmpuint (feed->n_articles, ==, 1);

  /* Unsubscribing keeps the articles. */
  g_assert_true (tp_store_remove_feed (f->store, id, &error));
  g_assert_cmpint (tp_store_count_articles (f->store, NULL, NULL), ==, 1);
  g_assert_false (tp_store_remove_feed (f->store, id, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

static void
test_lexicon_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  const TpLexiconActor *actor;
  const TpLexiconSide *side;

  g_assert_true (tp_store_save_side (f->store, "beijing", "Beijing", "#f5c211", 4, &error));
  g_assert_true (tp_store_save_actor (f->store, "test_envoy", "Test Envoy", "beijing",
                                      TP_ACTOR_PERSON, "Chinese foreign minister", &error));
  g_assert_true (tp_store_add_actor_alias (f->store, "test_envoy", "vi", "Đặc phái viên Bắc Kinh thử nghiệm",
                                           TRUE, "2023-07-25", NULL, &error));
  g_assert_true (tp_store_add_actor_alias (f->store, "test_envoy", NULL, "Test Envoy", FALSE,
                                           NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tp_store_add_actor_alias (f->store, "nobody", NULL, "X", FALSE, NULL, NULL,
                                            &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tp_store_save_actor (f->store, "x", "X", "atlantis", TP_ACTOR_PERSON, NULL,
                                       &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tp_store_save_topic (f->store, "grain", "Grain exports", &error));
  g_assert_true (tp_store_add_topic_keyword (f->store, "grain", "vi", "ngũ cốc", &error));
  g_assert_true (tp_store_add_cue (f->store, "vi", "phát biểu", TP_CUE_VERB, &error));
  g_assert_no_error (error);

  lexicon = tp_store_load_lexicon (f->store, &error);
  g_assert_no_error (error);
  side = tp_lexicon_lookup_side (lexicon, "beijing");
  g_assert_nonnull (side);
  g_assert_cmpstr (side->color, ==, "#f5c211");
  actor = tp_lexicon_lookup_actor (lexicon, "test_envoy");
  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->side, ==, "beijing");
  actor = tp_lexicon_resolve_alias (lexicon, "dac phai vien bac kinh thu nghiem", "2024-01-01");
  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->key, ==, "test_envoy");
  g_assert_nonnull (tp_lexicon_lookup_topic (lexicon, "grain"));
  g_clear_object (&lexicon);

  /* Deleting the side leaves the actor without one. */
  g_assert_true (tp_store_delete_side (f->store, "beijing", &error));
  g_assert_true (tp_store_delete_topic (f->store, "grain", &error));
  g_assert_true (tp_store_delete_cue (f->store, "vi", "phát biểu", &error));
  g_assert_no_error (error);
  lexicon = tp_store_load_lexicon (f->store, &error);
  g_assert_null (tp_lexicon_lookup_side (lexicon, "beijing"));
  g_assert_null (tp_lexicon_lookup_topic (lexicon, "grain"));
  actor = tp_lexicon_lookup_actor (lexicon, "test_envoy");
  g_assert_nonnull (actor);
  g_assert_null (actor->side);

  g_assert_true (tp_store_delete_actor_alias (f->store, "test_envoy", "Test Envoy", &error));
  g_assert_true (tp_store_delete_actor (f->store, "test_envoy", &error));
  g_assert_false (tp_store_delete_actor (f->store, "test_envoy", &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/store/open/creates-folders", test_open_creates_folders);
  g_test_add_func ("/store/open/foreign-file", test_open_foreign_file);
  g_test_add_func ("/store/open/concurrent", test_open_concurrent);
  ADD ("/store/article/add-get", test_article_add_get);
  ADD ("/store/article/duplicate-url", test_article_duplicate_url);
  ADD ("/store/article/duplicate-hash", test_article_duplicate_hash);
  g_test_add_func ("/store/article/atomic", test_article_atomic);
  ADD ("/store/article/batch", test_batch);
  ADD ("/store/article/batch-topics", test_batch_topics);
  ADD ("/store/article/cascade-delete", test_article_cascade_delete);
  ADD ("/store/article/list", test_article_list);
  ADD ("/store/statement/update", test_statement_update);
  ADD ("/store/statement/manual-preserved", test_statement_manual_preserved);
  ADD ("/store/tags", test_tags);
  ADD ("/store/notes-and-stars", test_notes_and_stars);
  ADD ("/store/feeds", test_feeds);
  ADD ("/store/lexicon/edit", test_lexicon_edit);

#undef ADD

  return g_test_run ();
}
