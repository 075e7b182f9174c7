/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup"

#include <sqlite3.h>

#include "tp-store.h"
#include "tp-store-backup.h"
#include "tp-store-private.h"
#include "test-store-util.h"

/* Auxiliary methods */

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* A library with @n articles, closed again. */
static void
fill_library (const char *path,
              guint       first,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i);
      g_autofree char *body = g_strdup_printf ("Body of article number %u about talks.", i);
      g_autoptr(TpArticle) article = make_article (title, NULL, "Outlet", "en",
                                                   "2024-03-01", body);

      g_assert_true (tp_store_add_article (store, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static gint64
count_articles (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (path, &error);
  gint64 n;

  g_assert_no_error (error);
  n = tp_store_count_articles (store, NULL, &error);
  g_assert_no_error (error);
  return n;
}

static guint
count_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static void
write_random_bytes (const char *path,
                    gsize       len,
                    guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint8 *data = g_malloc (len);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Tests */

static void
test_now_creates_copy (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *expected_dir = NULL;
  g_autofree char *base = NULL;

  test_library_init (&lib);
  fill_library (lib.path, 0, 3);

  backup = tp_store_backup_now (lib.path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);

  dir = g_path_get_dirname (backup);
  expected_dir = tp_store_backup_get_dir (lib.path);
  g_assert_cmpstr (dir, ==, expected_dir);
  base = g_path_get_basename (backup);
  g_assert_true (g_str_has_prefix (base, "library-"));
  g_assert_true (g_str_has_suffix (base, ".db"));
  g_assert_cmpuint (strlen (base), ==, strlen ("library-YYYYMMDD-HHMMSS.db"));

  /* The copy is a library of its own with the same articles. */
  g_assert_cmpint (count_articles (backup), ==, 3);
  /* Nothing half-written is left beside it. */
  g_assert_cmpuint (count_files (dir), ==, 1);

  test_library_clear (&lib);
}

static void
test_rotation_keeps_newest (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *other = NULL;
  g_autofree char *last = NULL;

  test_library_init (&lib);
  fill_library (lib.path, 0, 1);

  /* Files that are not this library's backups are never rotated away. */
  dir = tp_store_backup_get_dir (lib.path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  foreign = g_build_filename (dir, "notes.txt", NULL);
  other = g_build_filename (dir, "other-20200101-000000.db", NULL);
  g_assert_true (g_file_set_contents (foreign, "keep me", -1, NULL));
  g_assert_true (g_file_set_contents (other, "keep me too", -1, NULL));

  for (guint i = 0; i < TP_STORE_BACKUP_KEEP + 3; i++)
    {
      g_free (last);
      fill_library (lib.path, 10 + i, 1);
      last = tp_store_backup_now (lib.path, &error);
      g_assert_no_error (error);
    }

  list = tp_store_backup_list (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, TP_STORE_BACKUP_KEEP);
  /* Newest first: the last backup holds every article. */
  g_assert_cmpstr (g_ptr_array_index (list, 0), ==, last);
  g_assert_cmpint (count_articles (g_ptr_array_index (list, 0)), ==, TP_STORE_BACKUP_KEEP + 4);
  g_assert_cmpint (count_articles (g_ptr_array_index (list, TP_STORE_BACKUP_KEEP - 1)), ==, 5);
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, TP_STORE_BACKUP_KEEP + 2);

  test_library_clear (&lib);
}

static void
test_daily (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) old = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *old_path = NULL;

  test_library_init (&lib);

  /* No library yet: nothing to do, and no error. */
  g_assert_true (tp_store_backup_maybe_daily (lib.path, &first, &error));
  g_assert_no_error (error);
  g_assert_null (first);

  fill_library (lib.path, 0, 2);
  g_assert_true (tp_store_backup_maybe_daily (lib.path, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);

  /* A backup from today is enough. */
  g_assert_true (tp_store_backup_maybe_daily (lib.path, &second, &error));
  g_assert_no_error (error);
  g_assert_null (second);

  /* Once the newest backup is two days old, the next open takes one. */
  dir = tp_store_backup_get_dir (lib.path);
  now = g_date_time_new_now_local ();
  old = g_date_time_add_days (now, -2);
  old_name = g_date_time_format (old, "library-%Y%m%d-%H%M%S.db");
  old_path = g_build_filename (dir, old_name, NULL);
  g_assert_cmpint (g_rename (first, old_path), ==, 0);

  g_assert_true (tp_store_backup_maybe_daily (lib.path, &third, &error));
  g_assert_no_error (error);
  g_assert_nonnull (third);
  list = tp_store_backup_list (lib.path, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (list, 0), ==, third);
  g_assert_cmpstr (g_ptr_array_index (list, 1), ==, old_path);

  test_library_clear (&lib);
}

static void
test_no_library (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) list = NULL;

  test_library_init (&lib);
  backup = tp_store_backup_now (lib.path, &error);
  g_assert_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_NO_LIBRARY);
  g_assert_null (backup);
  g_clear_error (&error);

  list = tp_store_backup_list (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  test_library_clear (&lib);
}

typedef enum
{
  DAMAGE_RANDOM,
  DAMAGE_TEXT,
  DAMAGE_FOREIGN_SQLITE,
  DAMAGE_TRUNCATED_HALF,
  DAMAGE_TRUNCATED_HEADER,
  DAMAGE_ZEROED_PAGES,
  DAMAGE_TRUNCATED_TAIL,
  DAMAGE_EMPTIED,
} Damage;

typedef struct
{
  const char *name;
  Damage      damage;
} DamageCase;

static const DamageCase damage_cases[] = {
  { "random-bytes", DAMAGE_RANDOM },
  { "text-file", DAMAGE_TEXT },
  { "foreign-sqlite", DAMAGE_FOREIGN_SQLITE },
  { "truncated-half", DAMAGE_TRUNCATED_HALF },
  { "truncated-header", DAMAGE_TRUNCATED_HEADER },
  { "zeroed-pages", DAMAGE_ZEROED_PAGES },
  { "truncated-tail", DAMAGE_TRUNCATED_TAIL },
  { "emptied", DAMAGE_EMPTIED },
};

static void
damage_library (const char *path,
                Damage      damage)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  switch (damage)
    {
    case DAMAGE_RANDOM:
      write_random_bytes (path, 64 * 1024, 7);
      break;
    case DAMAGE_TEXT:
      g_assert_true (g_file_set_contents (path, "Shopping list\nmilk\neggs\n", -1, NULL));
      break;
    case DAMAGE_FOREIGN_SQLITE:
      g_remove (path);
      exec_sql (path, "CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO recipe (name) VALUES ('borscht');");
      break;
    case DAMAGE_EMPTIED:
      g_assert_true (g_file_set_contents (path, "", 0, NULL));
      break;
    case DAMAGE_TRUNCATED_HALF:
    case DAMAGE_TRUNCATED_HEADER:
    case DAMAGE_TRUNCATED_TAIL:
    case DAMAGE_ZEROED_PAGES:
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 8192);
      if (damage == DAMAGE_TRUNCATED_HALF)
        len /= 2;
      else if (damage == DAMAGE_TRUNCATED_HEADER)
        len = 100;
      else if (damage == DAMAGE_TRUNCATED_TAIL)
        len -= 4096;
      else
        memset (contents + 4096, 0, len - 4096);
      g_file_set_contents (path, contents, len, &error);
      g_assert_no_error (error);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A damaged or foreign file is reported as such by tp_store_open(), left
 * byte for byte as it was, refused as a backup source, and replaced by the
 * latest backup on request with the damaged file kept aside. */
static void
test_damage_and_restore (gconstpointer data)
{
  const DamageCase *tc = data;
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *bad_backup = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *damaged_sum = NULL;
  g_autofree char *aside_sum = NULL;
  g_autofree char *after_sum = NULL;
  g_autofree char *backup_dir = NULL;
  g_autoptr(GPtrArray) list = NULL;

  test_library_init (&lib);
  fill_library (lib.path, 0, 40);
  backup = tp_store_backup_now (lib.path, &error);
  g_assert_no_error (error);
  /* Written after the backup: lost by a restore, kept in the aside file. */
  fill_library (lib.path, 100, 1);

  damage_library (lib.path, tc->damage);
  damaged_sum = file_sha256 (lib.path);

  store = tp_store_open (lib.path, &error);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY);
  g_assert_null (store);
  g_assert_true (strstr (error->message, lib.path) != NULL);
  g_clear_error (&error);
  after_sum = file_sha256 (lib.path);
  g_assert_cmpstr (after_sum, ==, damaged_sum);

  /* A damaged library never pushes a sound backup out of the rotation. */
  bad_backup = tp_store_backup_now (lib.path, &error);
  g_assert_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED);
  g_assert_null (bad_backup);
  g_clear_error (&error);
  list = tp_store_backup_list (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  backup_dir = tp_store_backup_get_dir (lib.path);
  g_assert_cmpuint (count_files (backup_dir), ==, 1);

  restored = tp_store_backup_restore_latest (lib.path, &aside, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, backup);
  g_assert_nonnull (aside);
  aside_sum = file_sha256 (aside);
  g_assert_cmpstr (aside_sum, ==, damaged_sum);
  g_assert_cmpint (count_articles (lib.path), ==, 40);
  /* The backup itself is still there for next time. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  test_library_clear (&lib);
}

static void
test_restore_skips_damaged_backup (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *restored = NULL;

  test_library_init (&lib);
  fill_library (lib.path, 0, 5);
  older = tp_store_backup_now (lib.path, &error);
  g_assert_no_error (error);
  fill_library (lib.path, 5, 5);
  newer = tp_store_backup_now (lib.path, &error);
  g_assert_no_error (error);

  write_random_bytes (newer, 8192, 3);
  write_random_bytes (lib.path, 8192, 4);

  g_test_expect_message ("tp-store-backup", G_LOG_LEVEL_WARNING, "Skipping the backup*");
  restored = tp_store_backup_restore_latest (lib.path, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, older);
  g_assert_cmpint (count_articles (lib.path), ==, 5);

  test_library_clear (&lib);
}

static void
test_restore_without_backup (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_library_init (&lib);
  write_random_bytes (lib.path, 4096, 9);
  before = file_sha256 (lib.path);

  restored = tp_store_backup_restore_latest (lib.path, NULL, &error);
  g_assert_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_NONE_FOUND);
  g_assert_null (restored);
  after = file_sha256 (lib.path);
  g_assert_cmpstr (before, ==, after);

  test_library_clear (&lib);
}

/* A backup taken while another connection is in the middle of a write
 * transaction holds only what was committed, and does not wait for it. */
static void
test_backup_during_write (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  sqlite3 *writer = NULL;
  sqlite3 *check = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 started;

  test_library_init (&lib);
  fill_library (lib.path, 0, 3);

  g_assert_cmpint (sqlite3_open (lib.path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer,
                                 "BEGIN IMMEDIATE;"
                                 "INSERT INTO meta (key, value) VALUES ('uncommitted', 'x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  backup = tp_store_backup_now (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 4 * G_USEC_PER_SEC);
  sqlite3_exec (writer, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (writer);

  g_assert_cmpint (sqlite3_open (backup, &check), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (check, "SELECT count(*) FROM meta WHERE key = 'uncommitted'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (check);
  g_assert_cmpint (count_articles (backup), ==, 3);

  test_library_clear (&lib);
}

/* Opening a library written by an older schema first backs it up, so a
 * migration that goes wrong can be undone. */
static void
test_backup_before_migration (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) old = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  test_library_init (&lib);
  old = _tp_store_open_full (lib.path, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&old);

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);

  list = tp_store_backup_list (lib.path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_cmpint (sqlite3_open (g_ptr_array_index (list, 0), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  test_library_clear (&lib);
}

/* The hook itself, called as the store's migration calls it. */
static void
test_before_migration_hook (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) old = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  test_library_init (&lib);
  old = _tp_store_open_full (lib.path, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&old);

  g_assert_cmpint (sqlite3_open (lib.path, &db), ==, SQLITE_OK);
  /* A new library and an up-to-date one need no backup. */
  g_assert_true (tp_store_backup_before_migration (db, lib.path, 0, TP_STORE_SCHEMA_VERSION,
                                                   &error));
  g_assert_true (tp_store_backup_before_migration (db, lib.path, TP_STORE_SCHEMA_VERSION,
                                                   TP_STORE_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  list = tp_store_backup_list (lib.path, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (tp_store_backup_before_migration (db, lib.path, 1, TP_STORE_SCHEMA_VERSION,
                                                   &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  list = tp_store_backup_list (lib.path, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_cmpint (sqlite3_open (g_ptr_array_index (list, 0), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* A damaged file cannot be backed up, so it is not migrated either. */
  write_random_bytes (lib.path, 8192, 11);
  g_assert_cmpint (sqlite3_open (lib.path, &db), ==, SQLITE_OK);
  g_assert_false (tp_store_backup_before_migration (db, lib.path, 1, TP_STORE_SCHEMA_VERSION,
                                                    &error));
  g_assert_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED);
  sqlite3_close (db);

  test_library_clear (&lib);
}

/* Without backups an empty file is no loss to hide: it becomes a new
 * library, as a file the user created to hold one should. */
static void
test_empty_file_without_backups (void)
{
  TestLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;

  test_library_init (&lib);
  g_assert_true (g_file_set_contents (lib.path, "", 0, NULL));
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/now/creates-copy", test_now_creates_copy);
  g_test_add_func ("/backup/now/rotation", test_rotation_keeps_newest);
  g_test_add_func ("/backup/now/no-library", test_no_library);
  g_test_add_func ("/backup/now/during-write", test_backup_during_write);
  g_test_add_func ("/backup/daily", test_daily);
  g_test_add_func ("/backup/migration", test_backup_before_migration);
  g_test_add_func ("/backup/migration/hook", test_before_migration_hook);
  for (guint i = 0; i < G_N_ELEMENTS (damage_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/backup/damage/%s", damage_cases[i].name);

      g_test_add_data_func (path, &damage_cases[i], test_damage_and_restore);
    }
  g_test_add_func ("/backup/restore/skips-damaged-backup", test_restore_skips_damaged_backup);
  g_test_add_func ("/backup/restore/no-backup", test_restore_without_backup);
  g_test_add_func ("/backup/empty-file-without-backups", test_empty_file_without_backups);

  return g_test_run ();
}
