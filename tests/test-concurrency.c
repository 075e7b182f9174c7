/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-concurrency"

/* Two programs writing one library at once, as a journalist does when a
 * triptych-cli import runs while the GUI imports and annotates: nothing is
 * lost, nothing is doubled, and neither sees "database is locked" for the
 * short waits of ordinary contention (the store waits up to 5 s).
 *
 * The GUI's side is played by crash-importer --annotate, which writes
 * through the same store API the GUI uses (one store per thread, one
 * transaction per article, then a tag, a note and a review per article).
 * The result is compared with the same corpus imported by one program
 * alone. */

#include <sqlite3.h>

#include "tp-store.h"
#include "test-store-util.h"

#define HALF 250

typedef struct
{
  char *dir;
  char *corpus;
  char *cli;
  char *importer;
} Fixture;

/* Auxiliary methods */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u", 2 * HALF);
  const char *cli_env = g_getenv ("TRIPTYCH_CLI");
  int status = 0;

  fx->dir = g_dir_make_tmp ("triptych-concurrency-XXXXXX", &error);
  g_assert_no_error (error);
  fx->corpus = g_build_filename (fx->dir, "corpus", NULL);
  fx->importer = g_test_build_filename (G_TEST_BUILT, "crash-importer", NULL);
  fx->cli = cli_env != NULL ? g_strdup (cli_env)
                            : g_test_build_filename (G_TEST_BUILT, "..", "src", "cli",
                                                     "triptych-cli", NULL);

  {
    const char *argv[] = { fx->importer, "generate", fx->corpus, count, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->corpus);
  g_free (fx->cli);
  g_free (fx->importer);
}

static char *
corpus_file (Fixture *fx,
             guint    index)
{
  g_autofree char *name = g_strdup_printf ("article-%05u.txt", index);

  return g_build_filename (fx->corpus, name, NULL);
}

/* triptych-cli --db DB import FILES[first, last) */
static GSubprocess *
spawn_cli_import (Fixture     *fx,
                  const char  *db,
                  guint        first,
                  guint        last)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, g_strdup (fx->cli));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  g_ptr_array_add (argv, g_strdup ("import"));
  for (guint i = first; i < last; i++)
    g_ptr_array_add (argv, corpus_file (fx, i));
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  return proc;
}

static GSubprocess *
spawn_gui_writer (Fixture    *fx,
                  const char *db,
                  guint       from)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_str = g_strdup_printf ("%u", from);
  GSubprocess *proc;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, fx->importer, "import", db, fx->corpus, "--from", from_str,
                           "--annotate", NULL);
  g_assert_no_error (error);
  return proc;
}

/* Waits for @proc; returns its output, and its stderr when it failed or
 * said a word about locks. */
static char *
wait_for (GSubprocess  *proc,
          char        **out_failure)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *out_failure = NULL;
  if (!g_subprocess_get_successful (proc) || strstr (err, "locked") != NULL
      || strstr (err, "busy") != NULL)
    *out_failure = g_strdup_printf ("status %d: %s", g_subprocess_get_status (proc), err);
  return out;
}

static char *
finish (GSubprocess *proc,
        const char  *who)
{
  g_autofree char *failure = NULL;
  char *out = wait_for (proc, &failure);

  if (failure != NULL)
    g_error ("%s failed (%s)", who, failure);
  return out;
}

static void
create_library (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (db, &error);

  g_assert_no_error (error);
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
count_lines_with_prefix (const char *text,
                         const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;
  return n;
}

/* The corpus imported by one program alone. */
static void
import_alone (Fixture    *fx,
              const char *db,
              gint64     *out_articles,
              gint64     *out_statements)
{
  g_autoptr(GSubprocess) proc = spawn_gui_writer (fx, db, 0);
  g_autofree char *out = finish (proc, "the reference import");

  *out_articles = query_int (db, "SELECT count(*) FROM article");
  *out_statements = query_int (db, "SELECT count(*) FROM statement");
}

/* Tests */

/* The CLI imports the first half while the GUI-like writer imports and
 * annotates the second. */
static void
test_cli_and_gui_at_once (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->dir, "shared.db", NULL);
  g_autofree char *ref = g_build_filename (fx->dir, "alone.db", NULL);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GSubprocess) gui = NULL;
  g_autofree char *cli_out = NULL;
  g_autofree char *gui_out = NULL;
  gint64 ref_articles, ref_statements;
  gint64 started = g_get_monotonic_time ();
  guint annotated;

  create_library (db);
  cli = spawn_cli_import (fx, db, 0, HALF);
  gui = spawn_gui_writer (fx, db, HALF);
  cli_out = finish (cli, "triptych-cli import");
  gui_out = finish (gui, "the GUI-like writer");
  g_test_message ("both writers done in %.1f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  g_assert_cmpuint (count_lines_with_prefix (cli_out, "imported "), ==, HALF);
  g_assert_cmpuint (count_lines_with_prefix (gui_out, "committed "), ==, HALF);
  annotated = count_lines_with_prefix (gui_out, "annotated ");
  g_assert_cmpuint (annotated, ==, HALF);

  import_alone (fx, ref, &ref_articles, &ref_statements);
  g_assert_cmpint (ref_articles, ==, 2 * HALF);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM article"), ==, ref_articles);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM statement"), ==, ref_statements);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM note"), ==, annotated);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM statement WHERE review = 'confirmed'"),
                   ==, annotated);
}

/* The GUI and the CLI started on a library that does not exist yet race to
 * create it: both must end up using one library with one copy of the
 * default lexicon. */
static void
test_create_race (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *ref = g_build_filename (fx->dir, "alone.db", NULL);

  create_library (ref);
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *name = g_strdup_printf ("race-%u.db", round);
      g_autofree char *db = g_build_filename (fx->dir, name, NULL);
      g_autoptr(GSubprocess) cli = spawn_cli_import (fx, db, 0, 10);
      g_autoptr(GSubprocess) gui = spawn_gui_writer (fx, db, 2 * HALF - 10);
      g_autofree char *cli_failure = NULL;
      g_autofree char *gui_failure = NULL;
      g_autofree char *cli_out = wait_for (cli, &cli_failure);
      g_autofree char *gui_out = wait_for (gui, &gui_failure);
      const char *failure = cli_failure != NULL ? cli_failure : gui_failure;

      if (failure != NULL && strstr (failure, "is a database of another program") != NULL)
        {
          /* Known, reported to the store's owner: the schema version, the
           * application id and the table count are read in three separate
           * read transactions, so a schema committed by the other program
           * in between looks like a foreign database. */
          g_test_incomplete (failure);
          return;
        }
      if (failure != NULL)
        g_error ("round %u: %s", round, failure);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM article"), ==, 20);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM side"), ==,
                       query_int (ref, "SELECT count(*) FROM side"));
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM actor"), ==,
                       query_int (ref, "SELECT count(*) FROM actor"));
    }
}

/* Two imports of the same articles at once: each article is stored once;
 * the loser of each race is told it is a duplicate, not an error. */
static void
test_same_articles_twice (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->dir, "twice.db", NULL);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GSubprocess) gui = NULL;
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *gui_out = NULL;
  guint stored;

  create_library (db);

  first = spawn_cli_import (fx, db, 0, HALF);
  second = spawn_cli_import (fx, db, HALF / 2, HALF + HALF / 2);
  gui = spawn_gui_writer (fx, db, HALF);
  out1 = finish (first, "the first triptych-cli import");
  out2 = finish (second, "the second triptych-cli import");
  gui_out = finish (gui, "the GUI-like writer");

  stored = count_lines_with_prefix (out1, "imported ") + count_lines_with_prefix (out2, "imported ")
           + count_lines_with_prefix (gui_out, "committed ");
  g_assert_cmpuint (stored, ==, 2 * HALF);
  g_assert_cmpuint (count_lines_with_prefix (out1, "duplicate ")
                    + count_lines_with_prefix (out2, "duplicate ")
                    + count_lines_with_prefix (gui_out, "duplicate "), ==, HALF);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM article"), ==, 2 * HALF);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT content_hash) FROM article"), ==,
                   2 * HALF);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/concurrency/cli-and-gui", Fixture, NULL, fixture_setup,
              test_cli_and_gui_at_once, fixture_teardown);
  g_test_add ("/concurrency/same-articles", Fixture, NULL, fixture_setup,
              test_same_articles_twice, fixture_teardown);
  g_test_add ("/concurrency/create-race", Fixture, NULL, fixture_setup,
              test_create_race, fixture_teardown);

  return g_test_run ();
}
