/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bad-inputs"

/* The bad input catalogue: files, pages, feeds, search queries and
 * command lines that a newsroom will sooner or later feed Triptych, each
 * with the one outcome it must have — an error of a given domain and
 * code, a given number of hits, or a given exit status and first words on
 * stderr — and in every case a library file left byte for byte as it was.
 * Fixtures are in tests/data/bad/ or made here. */

#include <fcntl.h>
#include <unistd.h>

#include "tp-feed-parser.h"
#include "tp-source.h"
#include "tp-store.h"
#include "test-store-util.h"

typedef struct
{
  char *dir;
  char *library;       /* a library with the two articles below */
  char *library_sum;   /* its SHA-256 when the catalogue starts */
  char *cli;
} Catalogue;

static Catalogue cat;

/* Auxiliary methods */

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
assert_library_unchanged (void)
{
  g_autofree char *now = file_sha256 (cat.library);

  g_assert_cmpstr (now, ==, cat.library_sum);
}

static char *
bad_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
}

/* A file of @size bytes that takes no disk space. */
static char *
make_sparse_file (const char *name,
                  goffset     size)
{
  char *path = g_build_filename (cat.dir, name, NULL);
  int fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  return path;
}

static GBytes *
repeat_bytes (const char *head,
              const char *unit,
              gsize       count,
              const char *tail)
{
  GString *s = g_string_new (head);

  for (gsize i = 0; i < count; i++)
    g_string_append (s, unit);
  g_string_append (s, tail);
  return g_string_free_to_bytes (s);
}

typedef struct
{
  int   status;
  char *err;
  char *out;
} CliResult;

static void
run_cli (const char * const *args,
         CliResult          *result)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  g_ptr_array_add (argv, g_strdup (cat.cli));
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "@DB"))
        g_ptr_array_add (argv, g_strdup (cat.library));
      else if (g_str_has_prefix (args[i], "@TMP/"))
        g_ptr_array_add (argv, g_build_filename (cat.dir, args[i] + 5, NULL));
      else if (g_str_has_prefix (args[i], "@BAD/"))
        g_ptr_array_add (argv, bad_fixture (args[i] + 5));
      else
        g_ptr_array_add (argv, g_strdup (args[i]));
    }
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

/* Files */

typedef struct
{
  const char *name;
  const char *fixture;     /* in tests/data/bad or tests/data/ingest, or a special */
  int         code;        /* TP_INGEST_ERROR_* */
} BadFile;

static const BadFile bad_files[] = {
  { "missing", "@missing", TP_INGEST_ERROR_NOT_FOUND },
  { "folder", "@folder", TP_INGEST_ERROR_NOT_FOUND },
  { "empty", "@empty", TP_INGEST_ERROR_EMPTY },
  { "blank", "blank.txt", TP_INGEST_ERROR_EMPTY },
  { "nul-bytes", "nul-bytes.txt", TP_INGEST_ERROR_BINARY },
  { "png", "image.png", TP_INGEST_ERROR_BINARY },
  { "gzip", "archive.gz", TP_INGEST_ERROR_BINARY },
  { "pdf", "document.pdf", TP_INGEST_ERROR_BINARY },
  { "elf", "elf-binary", TP_INGEST_ERROR_BINARY },
  { "only-captions", "../ingest/only-captions.txt", TP_INGEST_ERROR_NO_TEXT },
  { "over-cap", "@huge", TP_INGEST_ERROR_TOO_LARGE },
  { "unreadable", "@unreadable", TP_INGEST_ERROR_NOT_FOUND },
};

static char *
bad_file_path (const BadFile *tc)
{
  if (g_str_equal (tc->fixture, "@missing"))
    return g_build_filename (cat.dir, "no-such-article.txt", NULL);
  if (g_str_equal (tc->fixture, "@folder"))
    return g_strdup (cat.dir);
  if (g_str_equal (tc->fixture, "@empty"))
    return make_sparse_file ("empty.txt", 0);
  if (g_str_equal (tc->fixture, "@huge"))
    return make_sparse_file ("huge.txt", TP_INGEST_MAX_BYTES + 1);
  if (g_str_equal (tc->fixture, "@unreadable"))
    {
      char *path = g_build_filename (cat.dir, "unreadable.txt", NULL);

      g_assert_true (g_file_set_contents (path, "Peskov said \"no\".\n", -1, NULL));
      g_assert_cmpint (g_chmod (path, 0), ==, 0);
      return path;
    }
  return bad_fixture (tc->fixture);
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile *tc = data;
  g_autofree char *path = bad_file_path (tc);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  const char *args[] = { "--db", "@DB", "import", path, NULL };
  CliResult cli = { 0 };

  if (g_str_equal (tc->fixture, "@unreadable") && geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their mode");
      return;
    }

  article = tp_source_load_file (file, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, tc->code);
  g_assert_null (article);

  /* The same file through the command line: one line, status 1, and the
   * library untouched. */
  run_cli (args, &cli);
  g_assert_cmpint (cli.status, ==, 1);
  g_assert_true (g_str_has_prefix (cli.err, "triptych-cli: failed: "));
  g_assert_cmpint (strchr (cli.err, '\n') - cli.err, ==, (glong) strlen (cli.err) - 1);
  assert_library_unchanged ();
  g_free (cli.out);
  g_free (cli.err);
}

/* Pages */

/* @known_code and @known_issue name a wrong outcome that is reported to
 * the owner of the code and not fixed yet: it makes the case a TODO rather
 * than a failure, and any other outcome still fails. */
typedef struct
{
  const char *name;
  const char *fixture;     /* file in tests/data/bad (or ../ingest), or a special */
  int         code;
  int         known_code;
  const char *known_issue;
} BadPage;

static const BadPage bad_pages[] = {
  { "empty", "@empty", TP_INGEST_ERROR_EMPTY },
  { "blank", "@blank", TP_INGEST_ERROR_EMPTY },
  { "bare-html", "@bare", TP_INGEST_ERROR_NO_TEXT },
  { "only-markup", "only-markup.html", TP_INGEST_ERROR_NO_TEXT },
  { "comments-only", "comments-only.html", TP_INGEST_ERROR_NO_TEXT },
  { "frameset", "frameset.html", TP_INGEST_ERROR_NO_TEXT },
  { "script-only", "script-only.html", TP_INGEST_ERROR_NO_TEXT },
  { "navigation-only", "../ingest/nav-only.html", TP_INGEST_ERROR_NO_TEXT },
  { "binary-as-html", "image.png", TP_INGEST_ERROR_BINARY },
  { "over-cap", "@huge", TP_INGEST_ERROR_TOO_LARGE },
  { "nested-100k", "@nested", TP_INGEST_ERROR_NO_TEXT },
};

static GBytes *
bad_page_bytes (const BadPage *tc)
{
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (g_str_equal (tc->fixture, "@empty"))
    return g_bytes_new_static ("", 0);
  if (g_str_equal (tc->fixture, "@blank"))
    return g_bytes_new_static ("  \n\t\n", 5);
  if (g_str_equal (tc->fixture, "@bare"))
    return g_bytes_new_static ("<html></html>", 13);
  if (g_str_equal (tc->fixture, "@huge"))
    return repeat_bytes ("<html><body>", "<p>Peskov said talks had stalled.</p>\n",
                         TP_INGEST_MAX_HTML_BYTES / 38 + 10, "</body></html>");
  if (g_str_equal (tc->fixture, "@nested"))
    return repeat_bytes ("<html><body>", "<div>", 100000, "</body></html>");

  path = bad_fixture (tc->fixture);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_bad_page (gconstpointer data)
{
  const BadPage *tc = data;
  g_autoptr(GBytes) bytes = bad_page_bytes (tc);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_source_load_bytes (bytes, "text/html", NULL, "https://news.example.org/a/1",
                                  TP_ORIGIN_URL, &error);
  if (tc->known_issue != NULL && g_error_matches (error, TP_INGEST_ERROR, tc->known_code))
    {
      g_test_incomplete (tc->known_issue);
      return;
    }
  g_assert_error (error, TP_INGEST_ERROR, tc->code);
  g_assert_null (article);
}

/* Feeds */

typedef struct
{
  const char *name;
  const char *fixture;     /* in tests/data/feeds (../bad for ours), or a special */
  int         code;        /* TP_FEED_ERROR_* */
  int         known_code;
  const char *known_issue;
} BadFeed;

static const BadFeed bad_feeds[] = {
  { "empty", "@empty", TP_FEED_ERROR_EMPTY },
  { "blank", "@blank", TP_FEED_ERROR_EMPTY },
  { "plain-text", "../bad/plain-text-feed.txt", TP_FEED_ERROR_MALFORMED },
  { "not-a-feed", "not-a-feed.xml", TP_FEED_ERROR_NOT_A_FEED },
  { "xxe", "xxe.xml", TP_FEED_ERROR_UNSAFE },
  { "xxe-parameter", "xxe-parameter.xml", TP_FEED_ERROR_UNSAFE },
  { "billion-laughs", "billion-laughs.xml", TP_FEED_ERROR_UNSAFE },
  { "truncated-json", "../bad/truncated.json", TP_FEED_ERROR_MALFORMED },
  { "json-object", "../bad/empty-object.json", TP_FEED_ERROR_NOT_A_FEED },
  { "json-array", "../bad/json-array.json", TP_FEED_ERROR_NOT_A_FEED },
  { "html-page", "../bad/html-as-feed.xml", TP_FEED_ERROR_NOT_A_FEED },
  { "over-cap", "@huge", TP_FEED_ERROR_TOO_LARGE },
};

static void
test_bad_feed (gconstpointer data)
{
  const BadFeed *tc = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TpFeedDocument *doc;

  if (g_str_equal (tc->fixture, "@empty"))
    bytes = g_bytes_new_static ("", 0);
  else if (g_str_equal (tc->fixture, "@blank"))
    bytes = g_bytes_new_static ("\n  \n", 4);
  else if (g_str_equal (tc->fixture, "@huge"))
    bytes = repeat_bytes ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>",
                          "<item><title>Peskov</title></item>\n",
                          TP_FEED_MAX_BYTES / 34 + 10, "</channel></rss>");
  else
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds",
                                                     tc->fixture, NULL);
      char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      bytes = g_bytes_new_take (contents, len);
    }

  doc = tp_feed_parse_bytes (bytes, "https://news.example.org/feed", NULL, &error);
  if (tc->known_issue != NULL && g_error_matches (error, TP_FEED_ERROR, tc->known_code))
    {
      g_test_incomplete (tc->known_issue);
      return;
    }
  g_assert_error (error, TP_FEED_ERROR, tc->code);
  g_assert_null (doc);
}

/* Search queries: whatever is typed is searched for as words, never run
 * as FTS5 syntax or SQL. The library holds two articles (see main()). */

typedef struct
{
  const char *name;
  const char *query;
  gint64      hits;        /* articles found */
} BadQuery;

static const BadQuery bad_queries[] = {
  { "empty", "", 0 },
  { "only-spaces", "   \t ", 0 },
  { "lone-quote", "\"", 0 },
  { "unbalanced-quote", "\"Peskov", 1 },
  { "lone-star", "*", 0 },
  { "near-open", "NEAR(", 0 },
  { "dangling-or", "Peskov OR", 0 },
  { "leading-not", "NOT Peskov", 0 },
  { "column-filter", "title:Peskov", 0 },
  { "caret", "^Peskov", 1 },
  { "sql-injection", "'); DROP TABLE article; --", 0 },
  { "parentheses", "((((", 0 },
  { "punctuation", "!@#$%^&*()_+=[]{}|;:,.<>?/~`", 0 },
  { "very-long", "@long", 0 },
  { "control-chars", "\x01\x02Peskov\x7f", 1 },
};

static void
test_bad_query (gconstpointer data)
{
  const BadQuery *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *long_query = NULL;
  const char *query = tc->query;
  gint64 count;

  if (g_str_equal (query, "@long"))
    query = long_query = g_strnfill (100000, 'x');

  store = tp_store_open (cat.library, &error);
  g_assert_no_error (error);
  hits = tp_store_search (store, query, TP_SEARCH_ARTICLES, TP_SEARCH_RELEVANCE, 0, 20, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_assert_cmpint (hits->len, ==, tc->hits);
  count = tp_store_count_search (store, query, TP_SEARCH_STATEMENTS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, >=, 0);
  g_assert_cmpint (tp_store_count_articles (store, NULL, &error), ==, 2);
  g_clear_object (&store);
  assert_library_unchanged ();
}

/* Command lines */

typedef struct
{
  const char  *name;
  const char  *args[8];
  int          status;
  const char  *err_prefix;
} BadCommand;

static const BadCommand bad_commands[] = {
  { "no-command", { NULL }, 2, "Usage: triptych-cli" },
  { "unknown-command", { "--db", "@DB", "frobnicate", NULL }, 1,
    "triptych-cli: unknown command “frobnicate”" },
  { "db-without-file", { "--db", NULL }, 1, "triptych-cli: --db needs a file name" },
  { "import-nothing", { "--db", "@DB", "import", NULL }, 1,
    "triptych-cli: import needs at least one FILE or URL" },
  { "import-missing", { "--db", "@DB", "import", "@TMP/nothing-here.txt", NULL }, 1,
    "triptych-cli: failed: " },
  { "db-is-text", { "--db", "@BAD/blank.txt", "statements", NULL }, 1, "triptych-cli: " },
  { "db-is-png", { "--db", "@BAD/image.png", "search", "Peskov", NULL }, 1, "triptych-cli: " },
  { "db-is-folder", { "--db", "@TMP/", "statements", NULL }, 1, "triptych-cli: " },
  { "backup-unknown-action", { "--db", "@DB", "backup", "shred", NULL }, 1,
    "triptych-cli: unknown backup action “shred”" },
  { "backup-extra-argument", { "--db", "@DB", "backup", "now", "--force", NULL }, 1,
    "triptych-cli: unexpected argument “--force”" },
  { "restore-sound-library", { "--db", "@DB", "backup", "restore", NULL }, 1,
    "triptych-cli: the library " },
  { "restore-without-backup", { "--db", "@BAD/blank.txt", "backup", "restore", NULL }, 1,
    "triptych-cli: There is no backup of " },
  { "backup-of-nothing", { "--db", "@TMP/none.db", "backup", "now", NULL }, 1,
    "triptych-cli: There is no library at " },
};

static void
test_bad_command (gconstpointer data)
{
  const BadCommand *tc = data;
  CliResult cli = { 0 };
  g_autofree char *blank_before = NULL;
  g_autofree char *blank_after = NULL;
  g_autofree char *blank = bad_fixture ("blank.txt");
  g_autofree char *none = g_build_filename (cat.dir, "none.db", NULL);

  blank_before = file_sha256 (blank);
  run_cli (tc->args, &cli);
  if (cli.status != tc->status || !g_str_has_prefix (cli.err, tc->err_prefix))
    g_error ("expected status %d and stderr starting “%s”, got %d and “%s”",
             tc->status, tc->err_prefix, cli.status, cli.err);
  /* Usage aside, a failure is one line. */
  if (tc->status == 1)
    g_assert_cmpint (strchr (cli.err, '\n') - cli.err, ==, (glong) strlen (cli.err) - 1);

  assert_library_unchanged ();
  /* A foreign file given as the library is never written to or replaced,
   * and a missing one is not created by a failing command. */
  blank_after = file_sha256 (blank);
  g_assert_cmpstr (blank_before, ==, blank_after);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  g_free (cli.out);
  g_free (cli.err);
}

/* Setup */

static void
create_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  static const char * const bodies[] = {
    "“We have never refused to talk,” Peskov told reporters in Moscow.",
    "Zelenskiy said Kyiv would not trade territory for a ceasefire.",
  };

  store = tp_store_open (cat.library, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *title = g_strdup_printf ("Article %u", i + 1);
      g_autofree char *date = g_strdup_printf ("2024-05-0%u", i + 1);
      g_autoptr(TpArticle) article = make_article (title, NULL, "Wire", "en", date, bodies[i]);

      g_assert_true (tp_store_add_article (store, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *cli_env = g_getenv ("TRIPTYCH_CLI");
  guint n = 0;
  int status;

  g_test_init (&argc, &argv, NULL);

  cat.dir = g_dir_make_tmp ("triptych-bad-inputs-XXXXXX", &error);
  g_assert_no_error (error);
  cat.library = g_build_filename (cat.dir, "library.db", NULL);
  cat.cli = cli_env != NULL ? g_strdup (cli_env)
                            : g_test_build_filename (G_TEST_BUILT, "..", "src", "cli",
                                                     "triptych-cli", NULL);
  create_library ();
  cat.library_sum = file_sha256 (cat.library);

#define ADD_CASES(table, kind, func) \
  for (guint i = 0; i < G_N_ELEMENTS (table); i++, n++) \
    { \
      g_autofree char *path = g_strdup_printf ("/bad-inputs/" kind "/%s", table[i].name); \
      g_test_add_data_func (path, &table[i], func); \
    }

  ADD_CASES (bad_files, "file", test_bad_file);
  ADD_CASES (bad_pages, "page", test_bad_page);
  ADD_CASES (bad_feeds, "feed", test_bad_feed);
  ADD_CASES (bad_queries, "query", test_bad_query);
  ADD_CASES (bad_commands, "cli", test_bad_command);
  g_assert_cmpuint (n, >=, 40);

  status = g_test_run ();
  remove_tree (cat.dir);
  return status;
}
