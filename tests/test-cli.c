/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "test-cli-util.h"
#include "test-store-util.h"
#include "tp-store.h"

/* Runs the built triptych-cli (TRIPTYCH_CLI, set by tests/meson.build) the
 * way a journalist or a script would, on sample articles written for
 * Triptych in tests/data/cli/, and checks output, exit status and — for
 * every bad input — that the library file is left byte for byte as it was. */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
}

/* Runs triptych-cli --db @db with the NULL-terminated arguments. */
static void
run_cli (Run        *run,
         const char *db,
         ...)
{
  const char *prefix[] = { "--db", db, NULL };
  va_list args;

  va_start (args, db);
  run_cli_va (run, prefix, va_arg (args, const char *), args);
  va_end (args);
}

static gboolean
run_ok (Run *run)
{
  return g_spawn_check_wait_status (run->status, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A strict RFC 4180 reader: records of fields, quoted fields may hold
 * commas, doubled quotes and line breaks. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == ',' || *p == '\r');
        }
      else if (*p == ',')
        {
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          g_assert_true (*p != '"' && *p != '\n');
          g_string_append_c (field, *p++);
        }
    }
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (record->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (record);
  return records;
}

/* Tests */

static void
test_import_twice (void)
{
  g_autofree char *vi = fixture ("vi-sample.txt");
  g_autofree char *en = fixture ("en-sample.txt");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;
  JsonArray *statements;
  gboolean found_peskov = FALSE;

  test_library_init (&lib);

  run_cli (&run, lib.path, "import", vi, en, NULL);
  g_assert_true (run_ok (&run));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_true (g_str_has_prefix (run.out, "imported "));
  g_assert_nonnull (strstr (run.out, "\nimported "));
  g_assert_true (g_file_test (lib.path, G_FILE_TEST_IS_REGULAR));

  /* The same articles again are duplicates, stored once. */
  run_cli (&run, lib.path, "import", en, vi, NULL);
  g_assert_true (run_ok (&run));
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_true (g_str_has_prefix (run.out, "duplicate "));
  g_assert_nonnull (strstr (run.out, "\nduplicate "));
  g_assert_null (strstr (run.out, "imported"));

  run_cli (&run, lib.path, "statements", "--format", "json", NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  statements = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (statements), >=, 4);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *s = json_array_get_object_element (statements, i);

      g_assert_true (json_object_has_member (s, "kind"));
      g_assert_true (json_object_has_member (s, "text"));
      g_assert_true (json_object_has_member (s, "speaker"));
      g_assert_true (json_object_has_member (s, "side"));
      g_assert_true (json_object_has_member (s, "review"));
      g_assert_cmpint (json_object_get_int_member (s, "start"), <,
                       json_object_get_int_member (s, "end"));
      if (!json_object_get_null_member (s, "side")
          && g_strcmp0 (json_object_get_string_member (s, "side"), "moscow") == 0)
        found_peskov = TRUE;
    }
  g_assert_true (found_peskov);
  g_clear_pointer (&root, json_node_unref);

  /* Counted once each, though imported twice. */
  run_cli (&run, lib.path, "search", "--in", "articles", "--format", "json", "triptych", NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "articles")), ==, 2);

  test_library_clear (&lib);
}

static void
test_search_folds (void)
{
  g_autofree char *vi = fixture ("vi-sample.txt");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;
  JsonObject *result;

  test_library_init (&lib);
  run_cli (&run, lib.path, "import", vi, NULL);
  g_assert_true (run_ok (&run));

  run_cli (&run, lib.path, "search", "--format", "json", "dien kremlin", NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  result = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "articles")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* Hostile queries are words, never errors. */
  run_cli (&run, lib.path, "search", "\"", NULL);
  g_assert_true (run_ok (&run));
  run_cli (&run, lib.path, "search", "NEAR(", "OR", "*", NULL);
  g_assert_true (run_ok (&run));
  g_assert_cmpstr (run.err, ==, "");

  run_cli (&run, lib.path, "search", "--format", "table", "hoa", "binh", NULL);
  g_assert_true (run_ok (&run));
  g_assert_nonnull (strstr (run.out, "Articles:"));
  g_assert_nonnull (strstr (run.out, "Statements:"));

  test_library_clear (&lib);
}

static void
test_statements_formats (void)
{
  g_autofree char *en = fixture ("en-sample.txt");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;

  test_library_init (&lib);
  run_cli (&run, lib.path, "import", en, NULL);
  g_assert_true (run_ok (&run));

  /* CSV and JSON say the same thing, whatever commas and quotes the
   * statements hold. */
  run_cli (&run, lib.path, "statements", "--format", "json", NULL);
  g_assert_true (run_ok (&run));
  json = parse_json (run.out);
  run_cli (&run, lib.path, "statements", "--format", "csv", NULL);
  g_assert_true (run_ok (&run));
  g_assert_true (g_str_has_prefix (run.out, "id,article_id,kind,side,actor,speaker,said_on,"));
  records = parse_csv (run.out);
  g_assert_cmpuint (records->len, ==, json_array_get_length (json_node_get_array (json)) + 1);
  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);
      JsonObject *s = json_array_get_object_element (json_node_get_array (json), i - 1);

      g_assert_cmpuint (record->len, ==, 12);
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (record, 0), NULL, 10), ==,
                       json_object_get_int_member (s, "id"));
      g_assert_cmpstr (g_ptr_array_index (record, 11), ==, json_object_get_string_member (s, "text"));
      g_assert_false (strchr ("=+-@\t\r", *json_object_get_string_member (s, "text")));
    }

  run_cli (&run, lib.path, "statements", "--side", "kyiv", NULL);
  g_assert_true (run_ok (&run));
  g_assert_true (g_str_has_prefix (run.out, "ID "));
  g_assert_nonnull (strstr (run.out, "kyiv"));
  g_assert_null (strstr (run.out, "moscow"));

  run_cli (&run, lib.path, "compare", "--format", "json", NULL);
  g_assert_true (run_ok (&run));
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *cmp = json_node_get_object (root);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cmp, "sides")), ==, 3);
    g_assert_true (json_object_has_member (cmp, "topics"));
  }

  run_cli (&run, lib.path, "compare", NULL);
  g_assert_true (run_ok (&run));

  test_library_clear (&lib);
}

/* Text that a spreadsheet would run as a formula is neutralised with a
 * leading quote, as in the CSV report; the numbers the CLI writes are not. */
static void
test_statements_csv_formulas (void)
{
  static const char body[] = "Mở đầu.\n=HYPERLINK(\"https://evil.example\",\"x\")\n-5\n"
                             "+1+2\nHòa bình = an ninh\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpArticle) article = make_article ("Tiêu đề", NULL, "VTC News", "vi", "2025-07-04", body);
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_auto(Run) run = { 0 };
  TestLibrary lib;
  gint64 article_id = 0;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (st, make_statement (body, "=HYPERLINK(\"https://evil.example\",\"x\")",
                                       "@Peskov", "peskov", "moscow", NULL));
  g_ptr_array_add (st, make_statement (body, "-5", "Lavrov", "lavrov", "moscow", "ceasefire"));
  g_ptr_array_add (st, make_statement (body, "+1+2", "-Blinken", "blinken", "washington", NULL));
  g_ptr_array_add (st, make_statement (body, "Hòa bình = an ninh", "Zelensky", "zelensky", "kyiv",
                                       NULL));
  for (guint i = 0; i < st->len; i++)
    ((TpStatement *) g_ptr_array_index (st, i))->said_on = g_strdup ("2025-07-04");
  g_assert_true (tp_store_add_article (store, article, st, &article_id, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  run_cli (&run, lib.path, "statements", "--format", "csv", NULL);
  g_assert_true (run_ok (&run));
  g_assert_cmpstr (run.err, ==, "");
  /* Same date for all: the newest-first order falls back to the id. */
  g_assert_cmpstr (run.out, ==,
                   "id,article_id,kind,side,actor,speaker,said_on,topics,review,cue,confidence,text\r\n"
                   "4,1,direct,kyiv,Zelensky,Zelensky,2025-07-04,,auto,said,0.90,Hòa bình = an ninh\r\n"
                   "3,1,direct,washington,'-Blinken,'-Blinken,2025-07-04,,auto,said,0.90,'+1+2\r\n"
                   "2,1,direct,moscow,Lavrov,Lavrov,2025-07-04,ceasefire,auto,said,0.90,'-5\r\n"
                   "1,1,direct,moscow,'@Peskov,'@Peskov,2025-07-04,,auto,said,0.90,"
                   "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\r\n");

  test_library_clear (&lib);
}

/* Scripts read these outputs as text: the members of a statement, and
 * their order, are part of the contract. */
static void
assert_members (JsonObject         *object,
                const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autofree char *want = g_strjoinv (",", (char **) expected);

  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (got, "%s%s", l == members ? "" : ",", (const char *) l->data);
  g_assert_cmpstr (got->str, ==, want);
}

static void
test_statement_members (void)
{
  static const char * const extracted[] = {
    "kind", "text", "start", "end", "speaker", "actor", "side", "topics", "said_on", "cue",
    "confidence", NULL
  };
  static const char * const stored[] = {
    "id", "article_id", "kind", "text", "start", "end", "speaker", "actor", "actor_key", "side",
    "topics", "cue", "said_on", "confidence", "review", "manual", NULL
  };
  static const char * const compared[] = {
    "id", "article_id", "kind", "text", "start", "end", "speaker", "actor", "actor_key", "side",
    "topics", "cue", "said_on", "confidence", "review", "manual", "date", "outlet",
    "article_title", "url", "file", "published", "starred", NULL
  };
  g_autofree char *vi = fixture ("vi-sample.txt");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;
  JsonArray *statements;
  JsonArray *topics;
  guint n_cells = 0;

  test_library_init (&lib);

  run_cli (&run, lib.path, "extract", "--format", "json", vi, NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  statements = json_object_get_array_member (json_node_get_object (root), "statements");
  g_assert_cmpuint (json_array_get_length (statements), >, 0);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    assert_members (json_array_get_object_element (statements, i), extracted);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, lib.path, "import", vi, NULL);
  g_assert_true (run_ok (&run));
  run_cli (&run, lib.path, "statements", "--format", "json", NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  statements = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (statements), >, 0);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    assert_members (json_array_get_object_element (statements, i), stored);
  g_clear_pointer (&root, json_node_unref);

  run_cli (&run, lib.path, "compare", "--format", "json", NULL);
  g_assert_true (run_ok (&run));
  root = parse_json (run.out);
  topics = json_object_get_array_member (json_node_get_object (root), "topics");
  for (guint t = 0; t < json_array_get_length (topics); t++)
    {
      JsonObject *cells = json_object_get_object_member (json_array_get_object_element (topics, t),
                                                         "cells");
      g_autoptr(GList) sides = json_object_get_members (cells);

      for (GList *l = sides; l != NULL; l = l->next)
        {
          JsonObject *cell = json_object_get_object_member (cells, l->data);
          JsonArray *items = json_object_get_array_member (cell, "statements");

          for (guint i = 0; i < json_array_get_length (items); i++, n_cells++)
            assert_members (json_array_get_object_element (items, i), compared);
        }
    }
  g_assert_cmpuint (n_cells, >, 0);

  test_library_clear (&lib);
}

typedef struct
{
  const char *name;
  const char *contents;
  gssize      len;
} BadInput;

static const BadInput bad_inputs[] = {
  { "empty", "", 0 },
  { "binary", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a", 33 },
  { "invalid-utf8", "Đi\xe1\xbb\xe1n Kremlin \xff\xfe n\xc3i \xc0\xaf v\xe1\xba\xa1y.\n", -1 },
  { "missing", NULL, 0 },
};

static void
test_import_bad (gconstpointer data)
{
  const BadInput *bad = data;
  g_autofree char *vi = fixture ("vi-sample.txt");
  g_autofree char *en = fixture ("en-sample.txt");
  g_autofree char *path = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;

  test_library_init (&lib);
  path = g_build_filename (lib.dir, bad->name, NULL);
  if (bad->contents != NULL)
    g_assert_true (g_file_set_contents (path, bad->contents, bad->len, NULL));

  /* A library with one article in it. */
  run_cli (&run, lib.path, "import", vi, NULL);
  g_assert_true (run_ok (&run));
  before = read_file_bytes (lib.path);
  g_assert_nonnull (before);

  run_cli (&run, lib.path, "import", path, NULL);
  g_assert_false (run_ok (&run));
  g_assert_cmpstr (run.out, ==, "");
  /* One clear line on stderr, naming the file. */
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "triptych-cli: "));
  g_assert_nonnull (strstr (run.err, path));
  after = read_file_bytes (lib.path);
  g_assert_true (g_bytes_equal (before, after));

  /* A good file next to a bad one is imported; the status says a file failed. */
  run_cli (&run, lib.path, "import", path, en, NULL);
  g_assert_false (run_ok (&run));
  g_assert_true (g_str_has_prefix (run.out, "imported "));
  g_assert_cmpuint (count_lines (run.err), ==, 1);

  /* Without a library, a bad file creates none. */
  fresh = g_build_filename (lib.dir, "fresh", "library.db", NULL);
  run_cli (&run, fresh, "import", path, NULL);
  g_assert_false (run_ok (&run));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  test_library_clear (&lib);
}

static void
test_bad_arguments (void)
{
  g_autofree char *vi = fixture ("vi-sample.txt");
  g_autofree char *missing = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = { 0 };
  TestLibrary lib;
  const char *cases[][5] = {
    { "statements", "--format", "xml", NULL, NULL },
    { "statements", "--review", "maybe", NULL, NULL },
    { "statements", "--from", "4/7", NULL, NULL },
    { "search", NULL, NULL, NULL, NULL },
    { "search", "--order", "random", "kremlin", NULL },
    { "compare", "--from", "yesterday", NULL, NULL },
    { "compare", "--format", "csv", NULL, NULL },
    { "import", NULL, NULL, NULL, NULL },
    { "frobnicate", NULL, NULL, NULL, NULL },
  };

  test_library_init (&lib);
  run_cli (&run, lib.path, "import", vi, NULL);
  g_assert_true (run_ok (&run));
  before = read_file_bytes (lib.path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      run_cli (&run, lib.path, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4],
               NULL);
      g_assert_false (run_ok (&run));
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "triptych-cli: "));
    }
  after = read_file_bytes (lib.path);
  g_assert_true (g_bytes_equal (before, after));

  /* Reading commands do not create a library at a mistyped path. */
  missing = g_build_filename (lib.dir, "typo.db", NULL);
  run_cli (&run, missing, "statements", NULL);
  g_assert_false (run_ok (&run));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  test_library_clear (&lib);
}

/* `bench` on a small generated library prints its whole table, with the
 * GUI's cold start measured when there is a display and a GUI beside the
 * CLI (as in the build tree), and says why not otherwise. */
static void
test_bench_small (void)
{
  TestLibrary lib;
  g_auto(Run) run = { 0 };
  g_autofree char *cli_dir = g_path_get_dirname (cli_path ());
  g_autofree char *gui = g_build_filename (cli_dir, "..", "ui", "triptych", NULL);
  g_autoptr(GRegex) measured = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  const char *row;

  test_library_init (&lib);
  run_cli (&run, lib.path, "bench", "--scale", "30", "--queries", "5", NULL);
  g_assert_true (run_ok (&run));
  g_assert_nonnull (strstr (run.out, "| import 30 articles (analysis + FTS)"));
  g_assert_nonnull (strstr (run.out, "| search articles, newest 20: p50 / p99"));
  g_assert_nonnull (strstr (run.out, "| peak RSS of the benchmark process"));

  row = strstr (run.out, "| GUI cold start to the first drawn page");
  g_assert_nonnull (row);
  if (g_getenv ("DISPLAY") != NULL && g_file_test (gui, G_FILE_TEST_IS_EXECUTABLE))
    {
      /* Five new processes, each timed to the page it reported painted. */
      measured = g_regex_new ("\\|\\s+([0-9]+) ms \\(([0-9]+)–([0-9]+), 5 runs\\) \\|", 0, 0, NULL);
      g_autofree char *fastest = NULL;

      g_assert_true (g_regex_match (measured, row, 0, &match));
      fastest = g_match_info_fetch (match, 2);
      g_assert_cmpint (g_ascii_strtoll (fastest, NULL, 10), >, 0);
      g_assert_nonnull (strstr (run.out, "|   the same process, until it has quit"));
    }
  else
    g_assert_nonnull (strstr (row, "not measured: "));
  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import/twice", test_import_twice);
  g_test_add_func ("/cli/search/folds", test_search_folds);
  g_test_add_func ("/cli/statements/formats", test_statements_formats);
  g_test_add_func ("/cli/statements/csv-formulas", test_statements_csv_formulas);
  g_test_add_func ("/cli/json/statement-members", test_statement_members);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/import/bad/%s", bad_inputs[i].name);

      g_test_add_data_func (path, &bad_inputs[i], test_import_bad);
    }
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/bench/small", test_bench_small);

  return g_test_run ();
}
