/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "accuracy-readability"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "tp-source.h"

/*
 * Main-content extraction measured on Mozilla Readability's public test
 * pages (see ../shared/corpora/README.md). For every page the extracted
 * body and the text of expected.html are compared as bags of word 4-grams
 * (tokens are runs of letters, digits and underscores, case kept); the
 * precision, recall and F1 of each page are averaged over the pages. The
 * title counts as matching when it equals the expected title, white space
 * runs compared as one space. Skipped when the corpus is absent.
 */

#define TARGET_F1    0.92
#define TARGET_TITLE 0.90

/* Auxiliary methods */

static char *
corpus_dir (void)
{
  const char *env = g_getenv ("TRIPTYCH_CORPORA");

  if (env != NULL && *env)
    return g_build_filename (env, "readability", "test-pages", NULL);
  /* <source root>/tests/../../shared/corpora */
  return g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "corpora", "readability",
                                "test-pages", NULL);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || g_unichar_ismark (c);
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && is_word_char (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        g_ptr_array_add (tokens, g_strndup (start, p - start));
      start = NULL;
      if (c == 0)
        break;
    }
  return tokens;
}

/* A bag of 4-grams: shingle → count. */
static GHashTable *
shingles (const char *text,
          guint      *total)
{
  g_autoptr(GPtrArray) tokens = tokenize (text);
  GHashTable *bag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *total = 0;
  for (guint i = 0; i + 4 <= tokens->len; i++)
    {
      char *key = g_strjoin (" ", (char *) tokens->pdata[i], (char *) tokens->pdata[i + 1],
                             (char *) tokens->pdata[i + 2], (char *) tokens->pdata[i + 3],
                             NULL);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (bag, key));

      g_hash_table_replace (bag, key, GUINT_TO_POINTER (count + 1));
      (*total)++;
    }
  return bag;
}

static double
page_f1 (const char *extracted,
         const char *expected,
         double     *precision,
         double     *recall)
{
  guint n_ext, n_exp, overlap = 0;
  g_autoptr(GHashTable) ext = shingles (extracted, &n_ext);
  g_autoptr(GHashTable) exp = shingles (expected, &n_exp);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, ext);
  while (g_hash_table_iter_next (&iter, &key, &value))
    overlap += MIN (GPOINTER_TO_UINT (value),
                    GPOINTER_TO_UINT (g_hash_table_lookup (exp, key)));

  if (n_ext == 0 && n_exp == 0)
    {
      *precision = *recall = 1;
      return 1;
    }
  *precision = n_ext ? (double) overlap / n_ext : 0;
  *recall = n_exp ? (double) overlap / n_exp : 0;
  if (*precision + *recall == 0)
    return 0;
  return 2 * *precision * *recall / (*precision + *recall);
}

static char *
html_text (const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_RECOVER);
  xmlChar *content;
  char *text;

  if (doc == NULL)
    return g_strdup ("");
  content = xmlNodeGetContent ((xmlNode *) doc);
  text = g_strdup (content ? (const char *) content : "");
  xmlFree (content);
  xmlFreeDoc (doc);
  return text;
}

static char *
expected_title (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "title", ""));
}

/* White space runs (any Unicode space) as one space, trimmed. */
static char *
collapse (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = s ? s : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Tests */

static void
test_readability_corpus (void)
{
  g_autofree char *dir_path = corpus_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double sum_f1 = 0, sum_p = 0, sum_r = 0;
  guint pages = 0, titles = 0, errors = 0;
  const char *name;
  gboolean verbose = g_getenv ("TRIPTYCH_ACCURACY_VERBOSE") != NULL;

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("readability corpus not found (set TRIPTYCH_CORPORA)");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  if (names->len == 0)
    {
      g_test_skip ("readability corpus is empty");
      return;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *page = names->pdata[i];
      g_autofree char *source = g_build_filename (dir_path, page, "source.html", NULL);
      g_autofree char *expected = g_build_filename (dir_path, page, "expected.html", NULL);
      g_autofree char *meta = g_build_filename (dir_path, page, "expected-metadata.json", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *expected_text = NULL;
      g_autofree char *raw_title = NULL;
      g_autofree char *want_title = NULL;
      g_autofree char *got_title = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;
      double p, r, f1;
      gboolean title_ok;

      if (!g_file_get_contents (source, &contents, &len, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      article = tp_source_load_bytes (bytes, "text/html", NULL,
                                      "http://fakehost/test/page.html", TP_ORIGIN_FILE, &error);
      expected_text = html_text (expected);
      raw_title = expected_title (meta);
      want_title = collapse (raw_title);
      if (article == NULL)
        {
          errors++;
          f1 = p = r = 0;
          title_ok = *want_title == '\0';
        }
      else
        {
          f1 = page_f1 (article->body, expected_text, &p, &r);
          got_title = collapse (article->title);
          title_ok = g_strcmp0 (got_title, want_title) == 0;
        }
      pages++;
      sum_f1 += f1;
      sum_p += p;
      sum_r += r;
      titles += title_ok;
      if (verbose)
        g_printerr ("%-45s F1 %.3f P %.3f R %.3f %s%s%s%s\n", page, f1, p, r,
                    title_ok ? "title ok" : "title WRONG: ",
                    title_ok ? "" : (got_title ? got_title : "(none)"),
                    title_ok ? "" : " / expected: ", title_ok ? "" : want_title);
      if (error != NULL && verbose)
        g_printerr ("  error: %s\n", error->message);
    }

  g_test_message ("readability corpus: %u pages, body F1 %.4f (P %.4f, R %.4f), "
                  "title exact match %.4f, %u pages without an article",
                  pages, sum_f1 / pages, sum_p / pages, sum_r / pages,
                  (double) titles / pages, errors);
  g_printerr ("readability corpus: %u pages, body F1 %.4f (P %.4f, R %.4f), "
              "title exact match %.4f (%u/%u), %u pages without an article\n",
              pages, sum_f1 / pages, sum_p / pages, sum_r / pages,
              (double) titles / pages, titles, pages, errors);

  g_assert_cmpfloat (sum_f1 / pages, >=, TARGET_F1);
  g_assert_cmpfloat ((double) titles / pages, >=, TARGET_TITLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/accuracy/readability", test_readability_corpus);

  return g_test_run ();
}
