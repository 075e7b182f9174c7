/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-crash"

/* Crash safety: an import of a 5,000-article corpus is killed with SIGKILL
 * at random moments, 20 times, each time resumed a little before the last
 * article it reported (as a journalist re-running the import would, so
 * articles are offered twice). After every kill the library must pass
 * PRAGMA integrity_check, open normally, and hold every article reported
 * as committed with exactly the statements the extractor finds in its
 * text. Finally the whole corpus is imported again to the end: 5,000
 * articles, no duplicates, every statement once.
 *
 * TRIPTYCH_CRASH_KILLS and TRIPTYCH_CRASH_ARTICLES shrink the run when
 * debugging; the suite runs with the defaults. */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tp-extractor.h"
#include "tp-source.h"
#include "tp-store.h"
#include "tp-store-private.h"
#include "test-store-util.h"

#define DEFAULT_ARTICLES 5000
#define DEFAULT_KILLS 20
/* How far before the last reported article a resumed import starts. */
#define RESUME_OVERLAP 25

typedef struct
{
  char        *importer;
  char        *cli;         /* set: kill triptych-cli import instead of crash-importer */
  char        *corpus;
  char        *db;
  guint        n_articles;
  gint64      *committed;   /* article id reported per corpus index, or 0 */
  char       **expected;    /* statement signature per index, computed lazily */
  guint       *expected_n;
  TpExtractor *extractor;
  GRand       *rand;
  double       rate;        /* articles committed per second, measured */
} Crash;

/* Auxiliary methods */

static int
compare_statements (gconstpointer a,
                    gconstpointer b)
{
  const TpStatement *x = *(TpStatement * const *) a;
  const TpStatement *y = *(TpStatement * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* What identifies a statement's content: kind, span, text, attribution.
 * Sorted, so the comparison does not depend on the order rows come back. */
static char *
signature (GPtrArray *statements)
{
  /* Not g_ptr_array_copy(): that would take over the elements' free func. */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (statements->len);
  GString *sig = g_string_new (NULL);

  for (guint i = 0; i < statements->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (statements, i));
  g_ptr_array_sort (sorted, compare_statements);
  for (guint i = 0; i < sorted->len; i++)
    {
      TpStatement *s = g_ptr_array_index (sorted, i);

      g_string_append_printf (sig, "%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s %s %s|%s\n",
                              tp_statement_kind_to_string (s->kind), s->start, s->end,
                              s->side ? s->side : "-", s->actor_key ? s->actor_key : "-",
                              s->speaker ? s->speaker : "-", s->text ? s->text : "");
    }
  return g_string_free (sig, FALSE);
}

static char *
article_path (Crash *crash,
              guint  index)
{
  g_autofree char *name = g_strdup_printf ("article-%05u.txt", index);

  return g_build_filename (crash->corpus, name, NULL);
}

static const char *
expected_signature (Crash *crash,
                    guint  index,
                    guint *out_n)
{
  if (crash->expected[index] == NULL)
    {
      g_autofree char *path = article_path (crash, index);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = tp_source_load_file (file, NULL, &error);
      g_autoptr(GPtrArray) statements = NULL;

      g_assert_no_error (error);
      statements = tp_extractor_run (crash->extractor, article);
      crash->expected[index] = signature (statements);
      crash->expected_n[index] = statements->len;
    }
  if (out_n != NULL)
    *out_n = crash->expected_n[index];
  return crash->expected[index];
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  _tp_store_register_tokenizer (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (result, "%s;", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpstr (result->str, ==, "ok;");
  g_string_free (result, TRUE);
}

/* Every article reported so far is in the library with its statements. */
static void
assert_committed_articles (Crash *crash)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (crash->db, &error);
  guint checked = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < crash->n_articles; i++)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) stored = NULL;
      g_autofree char *got = NULL;
      TpStatementFilter filter = { 0 };

      if (crash->committed[i] == 0)
        continue;
      article = tp_store_get_article (store, crash->committed[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (article);

      filter.article_id = crash->committed[i];
      stored = tp_store_list_statements (store, &filter, 0, 0, &error);
      g_assert_no_error (error);
      got = signature (stored);
      g_assert_cmpstr (got, ==, expected_signature (crash, i, NULL));
      checked++;
    }
  g_test_message ("%u committed articles checked", checked);
}

/* "imported /…/article-00042.txt: article 17, …" and "duplicate
 * /…/article-00042.txt: already in the library as article 17": the corpus
 * index and the article id. */
static void
parse_cli_line (const char *line,
                guint      *out_index,
                gint64     *out_id)
{
  const char *name = strstr (line, "/article-");
  const char *id = strrchr (line, ':');

  if (name == NULL || id == NULL
      || sscanf (name, "/article-%u.txt", out_index) != 1
      || sscanf (strstr (id, "article ") ? strstr (id, "article ") : "", "article %" G_GINT64_FORMAT,
                 out_id) != 1)
    g_error ("unexpected triptych-cli output: %s", line);
}

/* Reads whole lines from @fd until @deadline (monotonic µs; 0 waits for the
 * end of output); records the articles reported as committed. Returns the
 * corpus index after the last one reported. */
static guint
read_reports (Crash   *crash,
              int      fd,
              GString *pending,
              gint64   deadline,
              guint    next)
{
  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int timeout = -1;
      char buf[4096];
      ssize_t n;
      char *nl;

      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            return next;
          timeout = (int) ((left + 999) / 1000);
        }
      if (poll (&pfd, 1, timeout) == 0)
        continue;
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return next;
      g_string_append_len (pending, buf, n);

      while ((nl = strchr (pending->str, '\n')) != NULL)
        {
          guint index;
          gint64 id;

          *nl = '\0';
          if (crash->cli != NULL)
            parse_cli_line (pending->str, &index, &id);
          if (crash->cli != NULL ? g_str_has_prefix (pending->str, "imported ")
                                 : sscanf (pending->str, "committed %u %" G_GINT64_FORMAT,
                                           &index, &id) == 2)
            {
              g_assert_cmpuint (index, <, crash->n_articles);
              /* An article is only ever stored once. */
              g_assert_cmpint (crash->committed[index], ==, 0);
              crash->committed[index] = id;
              next = MAX (next, index + 1);
            }
          else if (crash->cli != NULL ? g_str_has_prefix (pending->str, "duplicate ")
                                      : sscanf (pending->str, "duplicate %u %" G_GINT64_FORMAT,
                                                &index, &id) == 2)
            {
              g_assert_cmpuint (index, <, crash->n_articles);
              /* Either reported before, or committed by a run killed
               * between its commit and its report. */
              if (crash->committed[index] != 0)
                g_assert_cmpint (crash->committed[index], ==, id);
              crash->committed[index] = id;
              next = MAX (next, index + 1);
            }
          else
            g_error ("unexpected importer output: %s", pending->str);
          g_string_erase (pending, 0, nl - pending->str + 1);
        }
    }
}

/* Starts the importer from @from; kills it after @kill_after µs (0: lets it
 * finish). Returns the index after the last article it reported. */
static guint
run_importer (Crash  *crash,
              guint   from,
              gint64  kill_after,
              int    *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_str = g_strdup_printf ("%u", from);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);
  g_autoptr(GString) pending = g_string_new (NULL);
  GPid pid;
  int out_fd;
  int status = 0;
  guint next = from;

  if (crash->cli != NULL)
    {
      g_ptr_array_add (argv, g_strdup (crash->cli));
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (crash->db));
      g_ptr_array_add (argv, g_strdup ("import"));
      for (guint i = from; i < crash->n_articles; i++)
        g_ptr_array_add (argv, article_path (crash, i));
    }
  else
    {
      g_ptr_array_add (argv, g_strdup (crash->importer));
      g_ptr_array_add (argv, g_strdup ("import"));
      g_ptr_array_add (argv, g_strdup (crash->db));
      g_ptr_array_add (argv, g_strdup (crash->corpus));
      g_ptr_array_add (argv, g_strdup ("--from"));
      g_ptr_array_add (argv, g_strdup (from_str));
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  if (kill_after > 0)
    {
      next = read_reports (crash, out_fd, pending, g_get_monotonic_time () + kill_after, next);
      kill (pid, SIGKILL);
    }
  /* Whatever it printed before it died was committed before it printed. */
  next = read_reports (crash, out_fd, pending, 0, next);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  *out_status = status;
  return next;
}

static gint64
count_rows (const char *db_path,
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

/* Tests */

typedef struct
{
  gboolean    use_cli;
  guint       articles;
  guint       kills;
} CrashCase;

/* The store API as the GUI uses it, one transaction per article, at the
 * size the issue asks for. */
static const CrashCase importer_case = { FALSE, DEFAULT_ARTICLES, DEFAULT_KILLS };
/* triptych-cli import itself, which commits in batches and reports an
 * article only once its batch is committed; smaller, to keep the suite
 * short. */
static const CrashCase cli_case = { TRUE, 1500, 8 };

static void
test_sigkill_during_import (gconstpointer data)
{
  const CrashCase *tc = data;
  TestLibrary lib;
  Crash crash = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  const char *env;
  guint kills;
  guint next = 0;
  guint killed = 0;
  gint64 started;
  int status;
  guint64 total_statements = 0;
  guint unfinished = 0;

  test_library_init (&lib);
  crash.importer = g_test_build_filename (G_TEST_BUILT, "crash-importer", NULL);
  crash.corpus = g_build_filename (lib.dir, "corpus", NULL);
  crash.db = g_strdup (lib.path);
  crash.n_articles = tc->articles;
  kills = tc->kills;
  if (tc->use_cli)
    {
      const char *cli_env = g_getenv ("TRIPTYCH_CLI");

      crash.cli = cli_env != NULL ? g_strdup (cli_env)
                                  : g_test_build_filename (G_TEST_BUILT, "..", "src", "cli",
                                                           "triptych-cli", NULL);
    }
  if ((env = g_getenv ("TRIPTYCH_CRASH_ARTICLES")) != NULL)
    crash.n_articles = (guint) g_ascii_strtoull (env, NULL, 10);
  if ((env = g_getenv ("TRIPTYCH_CRASH_KILLS")) != NULL)
    kills = (guint) g_ascii_strtoull (env, NULL, 10);
  crash.committed = g_new0 (gint64, crash.n_articles);
  crash.expected = g_new0 (char *, crash.n_articles + 1);
  crash.expected_n = g_new0 (guint, crash.n_articles);
  crash.rand = g_rand_new_with_seed (g_test_rand_int ());
  crash.rate = 300;

  {
    g_autofree char *count = g_strdup_printf ("%u", crash.n_articles);
    const char *argv[] = { crash.importer, "generate", crash.corpus, count, NULL };
    int gen_status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &gen_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (gen_status, NULL));
  }

  /* The importer extracts with the library's own lexicon; so does the
   * check, from a library created the same way. */
  {
    g_autofree char *probe = g_build_filename (lib.dir, "lexicon-probe.db", NULL);
    g_autoptr(TpStore) store = tp_store_open (probe, &error);

    g_assert_no_error (error);
    lexicon = tp_store_load_lexicon (store, &error);
    g_assert_no_error (error);
    crash.extractor = tp_extractor_new (lexicon);
  }

  while (killed < kills)
    {
      guint from = next > RESUME_OVERLAP ? next - RESUME_OVERLAP : 0;
      guint left;
      double window;
      gint64 kill_after;
      gint64 t0;
      guint before = next;

      /* Past the end, the import is restarted from a random point: a kill
       * then lands among duplicates, which must change nothing. */
      if (next >= crash.n_articles)
        {
          from = g_rand_int_range (crash.rand, 0, crash.n_articles);
          window = 0.5;
        }
      else
        {
          /* Spread the kills over the corpus: on average an even share of
           * what is left per run, anywhere from the library's creation to
           * mid-article. */
          left = crash.n_articles - from;
          window = 1.5 * MAX (left, crash.n_articles / kills) / crash.rate / (kills - killed);
        }
      kill_after = (gint64) (g_rand_double_range (crash.rand, 0.001, MAX (window, 0.05))
                             * G_USEC_PER_SEC);

      t0 = g_get_monotonic_time ();
      next = MAX (next, run_importer (&crash, from, kill_after, &status));
      if (next > before + 20)
        crash.rate = (next - from) / ((g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);

      if (WIFSIGNALED (status))
        {
          g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
          killed++;
        }
      else
        {
          /* It finished before the kill came: fine, but not a kill. */
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          unfinished++;
          g_assert_cmpuint (unfinished, <, 50);
        }
      g_test_message ("run from %u: %s after %.3f s, reported up to %u (%.0f articles/s)",
                      from, WIFSIGNALED (status) ? "killed" : "finished",
                      kill_after / (double) G_USEC_PER_SEC, next, crash.rate);

      if (!g_file_test (crash.db, G_FILE_TEST_EXISTS))
        {
          /* Killed before the library was even created (a slow start under
           * sanitizers): then nothing may have been reported committed. */
          g_assert_cmpuint (next, ==, 0);
          continue;
        }
      assert_integrity (crash.db);
      assert_committed_articles (&crash);
    }

  /* Import everything again, to the end: nothing is lost or doubled. */
  started = g_get_monotonic_time ();
  run_importer (&crash, 0, 0, &status);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_test_message ("final import in %.1f s",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  assert_integrity (crash.db);
  for (guint i = 0; i < crash.n_articles; i++)
    {
      guint n = 0;

      g_assert_cmpint (crash.committed[i], >, 0);
      expected_signature (&crash, i, &n);
      total_statements += n;
    }
  assert_committed_articles (&crash);
  g_assert_cmpint (count_rows (crash.db, "SELECT count(*) FROM article"), ==, crash.n_articles);
  g_assert_cmpint (count_rows (crash.db, "SELECT count(DISTINCT content_hash) FROM article"), ==,
                   crash.n_articles);
  g_assert_cmpint (count_rows (crash.db, "SELECT count(*) FROM statement"), ==,
                   (gint64) total_statements);
  /* The corpus is built so that every article has statements to lose. */
  g_assert_cmpuint (total_statements, >=, 2 * crash.n_articles);

  g_clear_object (&crash.extractor);
  g_rand_free (crash.rand);
  g_strfreev (crash.expected);
  g_free (crash.expected_n);
  g_free (crash.committed);
  g_free (crash.importer);
  g_free (crash.cli);
  g_free (crash.corpus);
  g_free (crash.db);
  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/crash/sigkill-during-import", &importer_case,
                        test_sigkill_during_import);
  g_test_add_data_func ("/crash/sigkill-cli-import", &cli_case, test_sigkill_during_import);

  return g_test_run ();
}
