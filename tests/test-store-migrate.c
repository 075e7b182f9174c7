/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-migrate"

#include "config.h"

#include "tp-store-backup.h"
#include "tp-store-private.h"
#include "test-store-util.h"

/* Every earlier schema version is built by the store itself, stopped at
 * that version (_tp_store_open_full), filled with what that version can
 * hold, then opened by the current code: the data must survive and the
 * newer features must work on it. */

static const char body[] =
  "Người phát ngôn Điện Kremlin Dmitry Peskov cho biết Moskva sẵn sàng đàm phán.\n"
  "“Chúng tôi muốn hòa bình”, ông Peskov nói.";

/* Offsets of the SQLite header fields the tests tamper with. */
#define HEADER_USER_VERSION 60
#define HEADER_APPLICATION_ID 68

static void
patch_header (const char *path,
              gsize       offset,
              guint32     value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpuint (len, >, offset + 4);
  contents[offset] = (char) (value >> 24);
  contents[offset + 1] = (char) (value >> 16);
  contents[offset + 2] = (char) (value >> 8);
  contents[offset + 3] = (char) value;
  g_assert_true (g_file_set_contents (path, contents, len, &error));
}

static void
fill_v1 (TpStore *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\nBài số %u.", body, i);
      g_autofree char *url = g_strdup_printf ("https://example.org/sample/%u", i);
      g_autofree char *date = g_strdup_printf ("2025-07-0%u", i + 1);
      g_autoptr(TpArticle) article = make_article ("Điện Kremlin", url, "Sample", "vi", date, text);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);

      tp_article_add_caption (article, "Ảnh: Sample.");
      g_ptr_array_add (statements, make_statement (text, "Chúng tôi muốn hòa bình", "ông Peskov",
                                                   "peskov", "moscow", "negotiations"));
      g_assert_true (tp_store_add_article (store, article, statements, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
check_v1_data (TpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(TpArticle) article = NULL;
  TpArticleSummary *newest;

  rows = tp_store_list_articles (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  newest = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (newest->article->url, ==, "https://example.org/sample/2");
  g_assert_cmpuint (tp_article_summary_get_side_count (newest, "moscow"), ==, 1);

  article = tp_store_get_article (store, newest->article->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (article->body, body));
  g_assert_cmpuint (article->captions->len, ==, 1);

  statements = tp_store_list_statements (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 3);
  g_assert_true (tp_statement_has_topic (g_ptr_array_index (statements, 0), "negotiations"));

  hits = tp_store_search (store, "dien kremlin", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
}

static void
check_v2_features (TpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gint64 tag, statement;

  statements = tp_store_list_statements (store, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  statement = ((TpStatement *) g_ptr_array_index (statements, 0))->id;

  tag = tp_store_ensure_tag (store, "migrated", &error);
  g_assert_no_error (error);
  g_assert_true (tp_store_tag_statement (store, statement, tag, &error));
  g_assert_true (tp_store_add_note (store, statement, "Still here after the upgrade", NULL, &error));
  g_assert_true (tp_store_set_statement_starred (store, statement, TRUE, &error));
  g_assert_true (tp_store_add_feed (store, "https://example.org/feed", NULL, NULL, &error));
  g_assert_no_error (error);
  notes = tp_store_list_notes (store, statement, &error);
  g_assert_cmpuint (notes->len, ==, 1);
}

/* Both full-text indexes merge 8 segments at a time, whatever version
 * created them (v4 rebuilt them with FTS5's defaults). */
static void
check_v6_merging (TpStore *store)
{
  static const char * const tables[] = { "article_fts_config", "statement_fts_config" };
  sqlite3 *db = _tp_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT (SELECT v FROM %s WHERE k = 'automerge'), "
                                              "(SELECT v FROM %s WHERE k = 'crisismerge')",
                                              tables[i], tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 8);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 64);
      sqlite3_finalize (stmt);
    }
}

/* Every actor of the default lexicon has its gender, whether the library
 * was seeded with it (created at v7) or filled by the v7 step. */
static void
check_v7_genders (TpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = tp_store_load_lexicon (store, &error);
  g_autoptr(TpLexicon) defaults = tp_lexicon_new_default (&error);
  GPtrArray *actors;

  g_assert_no_error (error);
  actors = tp_lexicon_get_actors (defaults);
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *want = g_ptr_array_index (actors, i);
      const TpLexiconActor *have = tp_lexicon_lookup_actor (lexicon, want->key);

      g_assert_nonnull (have);
      g_assert_cmpint (have->gender, ==, want->gender);
    }
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "zakharova")->gender, ==, TP_GENDER_FEMALE);
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "peskov")->gender, ==, TP_GENDER_MALE);
}

/* Whether the actor table has a gender column. */
static gboolean
has_gender_column (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('actor') "
                                       "WHERE name = 'gender'", -1, &stmt, NULL), ==, SQLITE_OK);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_test_message ("%s: %s", sql, errmsg);
  g_assert_null (errmsg);
}

static void
test_migrate (gconstpointer data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  TestLibrary lib;

  test_library_init (&lib);

  if (from == 0)
    {
      /* Version 0 is a file that exists but is empty. */
      g_assert_true (g_file_set_contents (lib.path, "", 0, &error));
    }
  else
    {
      store = _tp_store_open_full (lib.path, from, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tp_store_get_schema_version (store), ==, from);
      fill_v1 (store);
      g_assert_true (_tp_store_check_integrity (store, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      /* Opening it again at that version changes nothing. */
      store = _tp_store_open_full (lib.path, from, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tp_store_get_schema_version (store), ==, from);
      g_clear_object (&store);
    }

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);

  /* An upgrade (not a creation) leaves a backup of the old file behind. */
  {
    g_autoptr(GPtrArray) backups = tp_store_backup_list (lib.path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, from == 0 ? 0 : 1);
  }

  if (from == 0)
    fill_v1 (store);
  check_v1_data (store);
  check_v2_features (store);
  check_v6_merging (store);
  check_v7_genders (store);
  g_assert_true (_tp_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* And it stays current when reopened. */
  g_clear_object (&store);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  check_v1_data (store);

  /* Articles added after the upgrade are indexed exactly once too. */
  {
    g_autoptr(TpArticle) article = make_article ("Sau nâng cấp", NULL, "Sample", "vi",
                                                 "2025-08-01", "Ông Peskov nói sau nâng cấp.");
    g_autoptr(GPtrArray) hits = NULL;

    g_assert_true (tp_store_add_article (store, article, NULL, NULL, &error));
    g_assert_no_error (error);
    hits = tp_store_search (store, "peskov", TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 0, &error);
    g_assert_cmpuint (hits->len, ==, 4);
    g_assert_true (_tp_store_check_integrity (store, &error));
    g_assert_no_error (error);
  }

  g_clear_object (&store);
  test_library_clear (&lib);
}

/* v6 to v7 over a library the journalist edited: an actor of the default
 * lexicon renamed, one deleted, one added. The step fills the gender by
 * key and touches nothing else; the backup is the v6 file. */
static void
test_v6_genders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  sqlite3 *backup = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  store = _tp_store_open_full (lib.path, 6, &error);
  g_assert_no_error (error);
  g_assert_false (has_gender_column (_tp_store_get_db (store)));
  fill_v1 (store);
  g_assert_true (tp_store_save_actor (store, "zakharova", "Mariya V. Zakharova", "moscow",
                                      TP_ACTOR_PERSON, "MFA spokeswoman", &error));
  g_assert_true (tp_store_delete_actor (store, "lavrov", &error));
  g_assert_true (tp_store_save_actor (store, "test-envoy", "Test Envoy", "kyiv",
                                      TP_ACTOR_PERSON, NULL, &error));
  g_assert_no_error (error);
  /* Before v7 the library's lexicon knows no gender. */
  lexicon = tp_store_load_lexicon (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "zakharova")->gender, ==, TP_GENDER_UNKNOWN);
  g_clear_object (&lexicon);
  g_clear_object (&store);

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, 7);
  g_assert_true (has_gender_column (_tp_store_get_db (store)));
  check_v1_data (store);

  lexicon = tp_store_load_lexicon (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tp_lexicon_lookup_actor (lexicon, "zakharova")->name, ==, "Mariya V. Zakharova");
  g_assert_cmpstr (tp_lexicon_lookup_actor (lexicon, "zakharova")->role, ==, "MFA spokeswoman");
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "zakharova")->gender, ==, TP_GENDER_FEMALE);
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "peskov")->gender, ==, TP_GENDER_MALE);
  g_assert_null (tp_lexicon_lookup_actor (lexicon, "lavrov"));
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "test-envoy")->gender, ==, TP_GENDER_UNKNOWN);
  g_assert_true (_tp_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The backup taken before the step is the v6 library, unchanged. */
  backups = tp_store_backup_list (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (sqlite3_open_v2 (g_ptr_array_index (backups, 0), &backup, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_false (has_gender_column (backup));
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (backup, "PRAGMA user_version", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 6);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (backup);

  test_library_clear (&lib);
}

/* The fill runs in the migration's transaction: when it fails, the library
 * stays a v6 library without the column, and the next open upgrades it. */
static void
test_v6_genders_failed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  sqlite3 *db = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  store = _tp_store_open_full (lib.path, 6, &error);
  g_assert_no_error (error);
  fill_v1 (store);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (lib.path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TRIGGER test_refuse BEFORE UPDATE ON actor BEGIN "
                "SELECT RAISE (ABORT, 'refused by the test'); END;");
  sqlite3_close (db);

  store = tp_store_open (lib.path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == TP_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (lib.path, &db), ==, SQLITE_OK);
  g_assert_false (has_gender_column (db));
  exec_sql (db, "DROP TRIGGER test_refuse;");
  sqlite3_close (db);

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);
  check_v1_data (store);
  check_v7_genders (store);

  g_clear_object (&store);
  test_library_clear (&lib);
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  patch_header (lib.path, HEADER_USER_VERSION, TP_STORE_SCHEMA_VERSION + 7);
  before = read_file_bytes (lib.path);

  store = tp_store_open (lib.path, &error);
  g_assert_null (store);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_TOO_NEW);
  after = read_file_bytes (lib.path);
  g_assert_true (g_bytes_equal (before, after));

  test_library_clear (&lib);
}

static void
test_other_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  patch_header (lib.path, HEADER_APPLICATION_ID, 0x12345678);

  store = tp_store_open (lib.path, &error);
  g_assert_null (store);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY);

  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint v = 0; v < TP_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/v%u-to-v%u", v,
                                               TP_STORE_SCHEMA_VERSION);

      g_test_add_data_func (path, GUINT_TO_POINTER (v), test_migrate);
    }
  g_test_add_func ("/store/migrate/v6-to-v7/genders", test_v6_genders);
  g_test_add_func ("/store/migrate/v6-to-v7/genders-failed", test_v6_genders_failed);
  g_test_add_func ("/store/migrate/too-new", test_too_new);
  g_test_add_func ("/store/migrate/other-program", test_other_program);

  return g_test_run ();
}
