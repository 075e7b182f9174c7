/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-injection"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <locale.h>

#include "test-report-util.h"

/* An article written to attack the HTML report: markup in the title,
 * outlet, statement, speaker, tags and notes, an attribute break-out, a
 * javascript: link, and a side whose name and colour try the same. The
 * report is loaded in headless Chromium, which runs whatever script it
 * finds; the test then reads the DOM Chromium built. Every payload tries
 * to set the sentinel attribute data-pwned on the root element. */

#define PAYLOAD_JS "document.documentElement.setAttribute('data-pwned','1')"

static const char *const payloads[] = {
  "<script>" PAYLOAD_JS "</script>",
  "\"><img src=x onerror=\"" PAYLOAD_JS "\">",
  "'><svg onload=" PAYLOAD_JS "></svg>",
  "</blockquote></td></tr></table><iframe src=\"javascript:" PAYLOAD_JS "\"></iframe>",
  "<a href=\"javascript:" PAYLOAD_JS "\">click</a>",
  "<style>body{background:url(javascript:alert(1))}</style><base href=\"https://evil.example/\">",
};

typedef struct
{
  ReportLibrary lib;
  char *chromium;
} Fixture;

static char *
find_chromium (void)
{
  static const char * const names[] = { "chromium", "chromium-browser", "google-chrome", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *path = g_find_program_in_path (names[i]);

      if (path != NULL)
        return path;
    }
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new ("Bài báo thử nghiệm.\n");
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(TpArticle) article = NULL;
  gint64 tag, first = 0;

  report_library_init (&f->lib);
  f->chromium = find_chromium ();

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    g_string_append_printf (body, "Câu %u: %s\n", i, payloads[i]);

  /* The side's name and colour come from the user's lexicon: hostile too. */
  g_assert_true (tp_store_save_side (f->lib.store, "evil",
                                     "<script>" PAYLOAD_JS "</script>Evil",
                                     "red;}</style><script>" PAYLOAD_JS "</script>", 9, &error));
  g_assert_no_error (error);

  article = report_article ("<script>" PAYLOAD_JS "</script>Tiêu đề",
                            "\"><img src=x onerror=\"" PAYLOAD_JS "\">",
                            "javascript:" PAYLOAD_JS, NULL, "vi\" onmouseover=\"x", "2025-07-04",
                            body->str);
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      const char *side = i % 2 == 0 ? "moscow" : "evil";
      TpStatement *s = report_statement (body->str, payloads[i], TP_STATEMENT_DIRECT, payloads[i],
                                         NULL, payloads[(i + 1) % G_N_ELEMENTS (payloads)], side,
                                         "negotiations", "2025-07-04");

      g_ptr_array_add (st, s);
    }
  report_add_article (f->lib.store, article, st);
  first = ((TpStatement *) g_ptr_array_index (st, 0))->id;

  for (guint i = 0; i < st->len; i++)
    {
      gint64 id = ((TpStatement *) g_ptr_array_index (st, i))->id;

      tag = tp_store_ensure_tag (f->lib.store, payloads[i], &error);
      g_assert_no_error (error);
      g_assert_true (tp_store_tag_statement (f->lib.store, id, tag, &error));
      g_assert_true (tp_store_add_note (f->lib.store, id, payloads[(i + 2) % G_N_ELEMENTS (payloads)],
                                        NULL, &error));
      g_assert_no_error (error);
    }
  tag = tp_store_lookup_tag (f->lib.store, payloads[0], &error);
  g_assert_true (tp_store_set_tag_color (f->lib.store, tag, "#fff;background:url(x)", &error)
                 || error != NULL);
  g_clear_error (&error);
  g_assert_cmpint (first, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->chromium, g_free);
  report_library_clear (&f->lib);
}

/* Auxiliary methods */

/* The DOM Chromium built after loading @path and running its scripts. */
static char *
dump_dom (Fixture    *f,
          const char *path)
{
  g_autofree char *profile = g_build_filename (f->lib.dir, "chromium-profile", NULL);
  g_autofree char *profile_arg = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;
  const char *argv[] = {
    f->chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=3000", profile_arg, "--dump-dom", uri, NULL
  };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("chromium failed on %s: %s\n%s", path, error->message, err);
  g_assert_nonnull (strstr (out, "</html>"));
  return out;
}

static int
count_nodes (htmlDocPtr  doc,
             const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr obj = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  int n = obj != NULL && obj->nodesetval != NULL ? obj->nodesetval->nodeNr : -1;

  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  return n;
}

static htmlDocPtr
parse_dom (const char *dom)
{
  htmlDocPtr doc = htmlReadMemory (dom, strlen (dom), "dom.html", "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

/* Tests */

/* The check itself must be able to fail: an unescaped page with the same
 * payloads does set the sentinel and does grow the elements. */
static void
test_control_page_runs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>");
  g_autofree char *path = g_build_filename (f->lib.dir, "control.html", NULL);
  g_autofree char *dom = NULL;
  g_autoptr(GError) error = NULL;
  htmlDocPtr doc;

  if (f->chromium == NULL)
    {
      g_test_skip ("chromium is not installed (Debian: apt-get install chromium); "
                   "the HTML report was not loaded in a browser");
      return;
    }
  g_string_append (page, payloads[0]);
  g_string_append (page, payloads[1]);
  g_string_append (page, "</p></body></html>\n");
  g_assert_true (g_file_set_contents (path, page->str, -1, &error));
  dom = dump_dom (f, path);
  g_assert_nonnull (strstr (dom, "data-pwned=\"1\""));
  doc = parse_dom (dom);
  g_assert_cmpint (count_nodes (doc, "//img"), ==, 1);
  xmlFreeDoc (doc);
}

static void
test_report_runs_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = NULL;
  TpReportOptions options = { "<script>" PAYLOAD_JS "</script>", TRUE, TRUE, TP_REPORT_PAPER_A4, FALSE };
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *dom = NULL;
  htmlDocPtr doc;

  if (f->chromium == NULL)
    {
      g_test_skip ("chromium is not installed (Debian: apt-get install chromium); "
                   "the HTML report was not loaded in a browser");
      return;
    }
  comparison = report_comparison (f->lib.store, NULL);
  g_assert_cmpuint (tp_comparison_get_n_statements (comparison), ==, G_N_ELEMENTS (payloads));
  path = report_write_file (comparison, TP_REPORT_FORMAT_HTML, &options, f->lib.dir, "hostile");
  raw = report_read_file (path);
  g_assert_null (strstr (raw, "<script"));
  g_assert_null (strstr (raw, "<img"));
  g_assert_null (strstr (raw, "javascript:" PAYLOAD_JS "\">"));

  dom = dump_dom (f, path);
  g_test_message ("DOM: %zu bytes", strlen (dom));
  /* No script ran (the payloads themselves, shown as text, spell the
   * attribute with single quotes)... */
  g_assert_null (strstr (dom, "data-pwned=\"1\""));
  doc = parse_dom (dom);
  g_assert_cmpint (count_nodes (doc, "/html[@data-pwned]"), ==, 0);
  /* ...and no payload became an element or an attribute. */
  g_assert_cmpint (count_nodes (doc, "//script|//img|//svg|//iframe|//base|//body//style|//object|//embed"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//@*[starts-with(name(),'on')]"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//@src"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//a[not(starts-with(@href,'http://') or starts-with(@href,'https://'))]"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//a"), ==, 0);
  g_assert_cmpint (count_nodes (doc, "//style"), ==, 1);
  /* The one table is still whole: every statement in its cell. */
  g_assert_cmpint (count_nodes (doc, "//table"), ==, 1);
  g_assert_cmpint (count_nodes (doc, "//td/article[@class='statement']"), ==, G_N_ELEMENTS (payloads));
  /* The payloads are shown as the text they are. */
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autofree char *expr = NULL;
      g_autofree char *literal = NULL;

      /* XPath 1.0 has no escapes: compare through a quote-free prefix. */
      literal = g_strndup (payloads[i], strcspn (payloads[i], "'\""));
      expr = g_strdup_printf ("//blockquote[starts-with(.,'%s')]", literal);
      if (*literal != '\0')
        g_assert_cmpint (count_nodes (doc, expr), >=, 1);
    }
  g_assert_cmpint (count_nodes (doc, "//h1[starts-with(.,'<script>')]"), ==, 1);
  xmlFreeDoc (doc);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/injection/control-page-runs", Fixture, NULL, fixture_setup,
              test_control_page_runs, fixture_teardown);
  g_test_add ("/report/injection/report-runs-nothing", Fixture, NULL, fixture_setup,
              test_report_runs_nothing, fixture_teardown);

  return g_test_run ();
}
