/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <locale.h>
#include <stdio.h>
#include <sys/wait.h>

#include "test-report-util.h"

/* Reports are read back with real readers: libxml2's HTML parser, poppler's
 * pdftotext, an RFC 4180 parser and a JSON Schema validator written here,
 * over a library built through the store API from articles written for
 * these tests (Vietnamese, English with markup-like text, Russian from a
 * file). */

static const char body_vi[] =
  "Người phát ngôn Điện Kremlin Dmitry Peskov hôm 4/7 cho biết Moskva sẵn sàng đàm phán.\n"
  "“Chúng tôi muốn hòa bình”, ông Peskov nói.\n"
  "Ngoại trưởng Mỹ nói Washington sẽ tiếp tục viện trợ quân sự.";

static const char body_en[] =
  "KYIV - President Volodymyr Zelensky said on Friday that Ukraine would not cede territory.\n"
  "\"We will not trade land for peace, not now, not ever,\" Zelensky said.\n"
  "He called the offer <b>absurd</b> & \"cynical\" *twice* [see](javascript:alert(1)).";

static const char body_ru[] =
  "Министр иностранных дел России Сергей Лавров заявил: «Мы готовы к переговорам без "
  "предварительных условий».\nМосква ждёт ответа от Вашингтона.";

static const char text_s3[] = "We will not trade land for peace, not now, not ever,";
static const char text_s4[] =
  "He called the offer <b>absurd</b> & \"cynical\" *twice* [see](javascript:alert(1)).";
static const char note_s3[] = "Line one, with a comma\nLine two with \"quotes\"";

typedef struct
{
  ReportLibrary lib;
  gint64 s1, s2, s3, s4, s5, s6;
} Fixture;

static gint64
statement_id (GPtrArray *statements,
              guint      i)
{
  return ((TpStatement *) g_ptr_array_index (statements, i))->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) vi = NULL;
  g_autoptr(TpArticle) en = NULL;
  g_autoptr(TpArticle) ru = NULL;
  g_autoptr(GPtrArray) st = NULL;
  gint64 tag;

  report_library_init (&f->lib);

  vi = report_article ("Điện Kremlin: Nga sẵn sàng đàm phán", "VTC News",
                       "https://vtc.vn/dien-kremlin-123.html", NULL, "vi", "2025-07-04", body_vi);
  st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_ptr_array_add (st, report_statement (body_vi, "Chúng tôi muốn hòa bình", TP_STATEMENT_DIRECT,
                                         "ông Peskov", "peskov", "Dmitry Peskov", "moscow",
                                         "negotiations,ceasefire", "2025-07-04"));
  g_ptr_array_add (st, report_statement (body_vi, "Washington sẽ tiếp tục viện trợ quân sự",
                                         TP_STATEMENT_INDIRECT, "Ngoại trưởng Mỹ", "rubio",
                                         "Marco Rubio", "washington", "military-aid", NULL));
  report_add_article (f->lib.store, vi, st);
  f->s1 = statement_id (st, 0);
  f->s2 = statement_id (st, 1);
  g_clear_pointer (&st, g_ptr_array_unref);

  en = report_article ("Zelensky: \"No land for peace\", ever", "Sample Wire",
                       "https://example.org/news/zelensky?id=7&lang=en", NULL, "en", "2025-07-05",
                       body_en);
  st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_ptr_array_add (st, report_statement (body_en, text_s3, TP_STATEMENT_DIRECT, "Zelensky",
                                         "zelensky", "Volodymyr Zelensky", "kyiv", "territory",
                                         "2025-07-04"));
  g_ptr_array_add (st, report_statement (body_en, text_s4, TP_STATEMENT_INDIRECT, "He",
                                         "zelensky", "Volodymyr Zelensky", "kyiv", "negotiations",
                                         NULL));
  g_ptr_array_add (st, report_statement (body_en, "Ukraine would not cede territory",
                                         TP_STATEMENT_INDIRECT, "President Volodymyr Zelensky",
                                         "zelensky", "Volodymyr Zelensky", "kyiv", "territory",
                                         NULL));
  report_add_article (f->lib.store, en, st);
  f->s3 = statement_id (st, 0);
  f->s4 = statement_id (st, 1);
  f->s5 = statement_id (st, 2);
  g_clear_pointer (&st, g_ptr_array_unref);

  ru = report_article ("Лавров: мы готовы к переговорам", "ТАСС", NULL,
                       "/home/reporter/private/tass-0705.txt", "ru", "2025-07-05", body_ru);
  st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_ptr_array_add (st, report_statement (body_ru, "Мы готовы к переговорам без предварительных условий",
                                         TP_STATEMENT_DIRECT, "Сергей Лавров", "lavrov",
                                         "Sergey Lavrov", "moscow", "negotiations", "2025-07-05"));
  report_add_article (f->lib.store, ru, st);
  f->s6 = statement_id (st, 0);

  g_assert_true (tp_store_set_statement_review (f->lib.store, f->s1, TP_REVIEW_CONFIRMED, &error));
  g_assert_true (tp_store_set_statement_review (f->lib.store, f->s3, TP_REVIEW_EDITED, &error));
  g_assert_true (tp_store_set_statement_review (f->lib.store, f->s5, TP_REVIEW_REJECTED, &error));
  g_assert_true (tp_store_set_statement_review (f->lib.store, f->s6, TP_REVIEW_CONFIRMED, &error));
  g_assert_true (tp_store_set_statement_starred (f->lib.store, f->s3, TRUE, &error));
  g_assert_no_error (error);

  tag = tp_store_ensure_tag (f->lib.store, "kiểm chứng", &error);
  g_assert_cmpint (tag, >, 0);
  g_assert_true (tp_store_tag_statement (f->lib.store, f->s1, tag, &error));
  tag = tp_store_ensure_tag (f->lib.store, "priority, high", &error);
  g_assert_true (tp_store_tag_statement (f->lib.store, f->s3, tag, &error));
  g_assert_true (tp_store_add_note (f->lib.store, f->s3, note_s3, NULL, &error));
  g_assert_true (tp_store_add_note (f->lib.store, f->s1, "Đã đối chiếu với bản tin TASS", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  report_library_clear (&f->lib);
}

static const TpReportOptions annotated = { NULL, TRUE, TRUE, TP_REPORT_PAPER_A4, FALSE };

/* Auxiliary methods: HTML */

static htmlDocPtr
parse_html (const char *path)
{
  g_autofree char *text = report_read_file (path);
  htmlDocPtr doc = htmlReadMemory (text, strlen (text), path, "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

static xmlXPathObjectPtr
xpath (htmlDocPtr  doc,
       const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr obj = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);

  xmlXPathFreeContext (ctx);
  g_assert_nonnull (obj);
  return obj;
}

static int
xpath_count (htmlDocPtr  doc,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
xpath_count (htmlDocPtr  doc,
             const char *format,
             ...)
{
  g_autofree char *expr = NULL;
  xmlXPathObjectPtr obj;
  va_list args;
  int n;

  va_start (args, format);
  expr = g_strdup_vprintf (format, args);
  va_end (args);
  obj = xpath (doc, expr);
  n = obj->nodesetval != NULL ? obj->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (obj);
  return n;
}

static char *
xpath_string (htmlDocPtr  doc,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

/* The text (or attribute value) of the first node the expression finds. */
static char *
xpath_string (htmlDocPtr  doc,
              const char *format,
              ...)
{
  g_autofree char *expr = NULL;
  xmlXPathObjectPtr obj;
  char *result = NULL;
  va_list args;

  va_start (args, format);
  expr = g_strdup_vprintf (format, args);
  va_end (args);
  obj = xpath (doc, expr);
  if (obj->nodesetval != NULL && obj->nodesetval->nodeNr > 0)
    {
      xmlChar *content = xmlNodeGetContent (obj->nodesetval->nodeTab[0]);

      result = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (obj);
  return result;
}

/* Tests: HTML */

static void
test_html_structure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_HTML, &annotated,
                                             f->lib.dir, "report");
  g_autofree char *raw = report_read_file (path);
  htmlDocPtr doc = parse_html (path);
  g_autofree char *s = NULL;
  g_autofree char *style = NULL;

  g_assert_cmpint (xpath_count (doc, "/html/head/meta[@charset='utf-8']"), ==, 1);
  g_assert_cmpint (xpath_count (doc, "//table[@class='comparison']"), ==, 1);
  g_assert_cmpint (xpath_count (doc, "//table/thead/tr/th[@class='side']"), ==, 3);

  /* Columns in the lexicon's order, in the sides' colours. */
  s = xpath_string (doc, "//thead/tr/th[@class='side'][1]");
  g_assert_cmpstr (s, ==, "Moscow");
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//thead/tr/th[@class='side'][3]");
  g_assert_cmpstr (s, ==, "Kyiv");
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//thead/tr/th[@data-side='moscow']/@style");
  g_assert_nonnull (strstr (s, "--side:#c0392b"));
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//thead/tr/th[@data-side='washington']/@style");
  g_assert_nonnull (strstr (s, "--side:#2a62c9"));
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//tbody/tr[@data-topic='negotiations']/td[@data-side='moscow']/@style");
  g_assert_nonnull (strstr (s, "--side:#c0392b"));
  g_clear_pointer (&s, g_free);

  /* Rows: the topics that have statements, and only those. */
  g_assert_cmpint (xpath_count (doc, "//tbody/tr"), ==, 4);
  g_assert_cmpint (xpath_count (doc, "//tbody/tr[@data-topic='negotiations']/th[@scope='row']"), ==, 1);
  g_assert_cmpint (xpath_count (doc, "//tbody/tr[@data-topic='sanctions']"), ==, 0);

  /* The Vietnamese statement sits under two topics; the rejected one nowhere. */
  g_assert_cmpint (xpath_count (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']", f->s1), ==, 2);
  g_assert_cmpint (xpath_count (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']", f->s5), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//tr[@data-topic='negotiations']/td[@data-side='moscow']/article"),
                   ==, 2);
  /* Newest first within a cell: Lavrov (5 July) above Peskov (4 July). */
  g_assert_cmpint (xpath_count (doc, "//tr[@data-topic='negotiations']/td[@data-side='moscow']"
                                     "/article[1][@data-statement='%" G_GINT64_FORMAT "']", f->s6), ==, 1);

  /* Text survives escaping exactly and makes no element. */
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']/blockquote", f->s4);
  g_assert_cmpstr (s, ==, text_s4);
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (xpath_count (doc, "//article/blockquote/*"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//b"), ==, 0);
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']/blockquote/@lang", f->s1);
  g_assert_cmpstr (s, ==, "vi");
  g_clear_pointer (&s, g_free);

  /* Citations: outlet, title, date and a link for web articles... */
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//cite", f->s3);
  g_assert_cmpstr (s, ==, "Zelensky: \"No land for peace\", ever");
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//a[@class='source']/@href",
                    f->s3);
  g_assert_cmpstr (s, ==, "https://example.org/news/zelensky?id=7&lang=en");
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//time[@class='published']",
                    f->s3);
  g_assert_cmpstr (s, ==, "2025-07-05");
  g_clear_pointer (&s, g_free);
  /* ...the file name alone for files, never the folder. */
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//span[@class='source file']",
                    f->s6);
  g_assert_cmpstr (s, ==, "tass-0705.txt");
  g_clear_pointer (&s, g_free);
  g_assert_null (strstr (raw, "/home/reporter"));
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//span[@class='outlet']",
                    f->s6);
  g_assert_cmpstr (s, ==, "ТАСС");
  g_clear_pointer (&s, g_free);

  /* Review status on every statement; tags, notes and the star on request. */
  g_assert_cmpint (xpath_count (doc, "//article"), ==, xpath_count (doc, "//article/p[@class='status']/span[starts-with(@class,'review ')]"));
  g_assert_cmpint (xpath_count (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']"
                                     "//span[@class='review review-confirmed']", f->s6), ==, 1);
  g_assert_cmpint (xpath_count (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']"
                                     "//span[@class='review review-edited']", f->s3), ==, 1);
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']/ul[@class='tags']/li", f->s3);
  g_assert_cmpstr (s, ==, "priority, high");
  g_clear_pointer (&s, g_free);
  s = xpath_string (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']/ul[@class='notes']/li", f->s3);
  g_assert_nonnull (strstr (s, note_s3));
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (xpath_count (doc, "//article[@data-statement='%" G_GINT64_FORMAT "']//span[@class='star']",
                                f->s3), ==, 1);

  /* Self-contained: no script, no external resource, a print stylesheet. */
  g_assert_cmpint (xpath_count (doc, "//script|//link|//img|//iframe|//object|//embed|//@src"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//@href[not(starts-with(.,'https://') or starts-with(.,'http://'))]"), ==, 0);
  style = xpath_string (doc, "/html/head/style");
  g_assert_nonnull (strstr (style, "@media print"));
  g_assert_nonnull (strstr (style, "@page{size:A4 landscape"));
  g_assert_null (strstr (style, "url("));
  g_assert_cmpint (xpath_count (doc, "/html/head/meta[@http-equiv='Content-Security-Policy']"), ==, 1);

  xmlFreeDoc (doc);
}

static void
test_html_without_annotations (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  TpReportOptions letter = { "Báo cáo: “Moskva & Kyiv”", FALSE, FALSE, TP_REPORT_PAPER_LETTER, FALSE };
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_HTML, &letter,
                                             f->lib.dir, "plain");
  htmlDocPtr doc = parse_html (path);
  g_autofree char *title = xpath_string (doc, "/html/head/title");
  g_autofree char *h1 = xpath_string (doc, "//h1");
  g_autofree char *style = xpath_string (doc, "/html/head/style");

  g_assert_cmpstr (title, ==, "Báo cáo: “Moskva & Kyiv”");
  g_assert_cmpstr (h1, ==, "Báo cáo: “Moskva & Kyiv”");
  g_assert_cmpint (xpath_count (doc, "//ul[@class='tags']|//ul[@class='notes']"), ==, 0);
  /* Citations and review status are never optional. */
  g_assert_cmpint (xpath_count (doc, "//article[not(p[@class='cite'])]"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "//article[not(p[@class='status'])]"), ==, 0);
  g_assert_nonnull (strstr (style, "@page{size:letter landscape"));
  xmlFreeDoc (doc);
}

static void
test_html_empty (Fixture       *f,
                 gconstpointer  data)
{
  TpComparisonFilter filter = { .date_from = "2031-01-01" };
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, &filter);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_HTML, NULL,
                                             f->lib.dir, "empty");
  htmlDocPtr doc = parse_html (path);
  g_autofree char *message = xpath_string (doc, "//p[@class='empty']");

  g_assert_true (tp_comparison_is_empty (comparison));
  g_assert_cmpstr (message, ==, "No statements match these filters");
  g_assert_cmpint (xpath_count (doc, "//table"), ==, 0);
  g_assert_cmpint (xpath_count (doc, "/html/body/header/h1"), ==, 1);
  g_assert_cmpint (xpath_count (doc, "//ul[@class='filters']/li[contains(.,'2031-01-01')]"), ==, 1);
  /* Only the filters that narrow the comparison are listed. */
  g_assert_cmpint (xpath_count (doc, "//ul[@class='filters']/li[starts-with(.,'Sides:')]"), ==, 0);
  xmlFreeDoc (doc);

  {
    const char *sides[] = { "kyiv", "moscow", NULL };
    const char *topics[] = { "territory", NULL };
    TpComparisonFilter narrow = { .sides = sides, .topics = topics };
    g_autoptr(TpComparison) narrowed = report_comparison (f->lib.store, &narrow);
    g_autofree char *narrow_path = report_write_file (narrowed, TP_REPORT_FORMAT_HTML, NULL,
                                                      f->lib.dir, "narrow");

    doc = parse_html (narrow_path);
    g_assert_cmpint (xpath_count (doc, "//ul[@class='filters']/li[.='Sides: Moscow, Kyiv']"), ==, 1);
    g_assert_cmpint (xpath_count (doc, "//ul[@class='filters']/li[.='Topics: Territory']"), ==, 1);
    g_assert_cmpint (xpath_count (doc, "//thead/tr/th[@class='side']"), ==, 2);
    g_assert_cmpint (xpath_count (doc, "//tbody/tr"), ==, 1);
  }
  xmlFreeDoc (doc);
}

/* Auxiliary methods: PDF */

static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s is not installed (Debian: apt-get install "
                                              "poppler-utils); PDF output not checked", name);
      g_test_skip (msg);
    }
  return path;
}

/* The PDF's text through poppler, NFC-normalised with white space folded
 * to single spaces, so a phrase is found whatever line it wrapped onto. */
static char *
pdf_text (const char *pdftotext,
          const char *pdf,
          gboolean    layout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *nfc = NULL;
  const char *argv[] = { pdftotext, "-enc", "UTF-8", layout ? "-layout" : "-raw", pdf, "-", NULL };
  GString *folded;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  nfc = g_utf8_normalize (out, -1, G_NORMALIZE_NFC);
  g_assert_nonnull (nfc);
  folded = g_string_new (NULL);
  for (const char *p = nfc; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          if (folded->len > 0 && folded->str[folded->len - 1] != ' ')
            g_string_append_c (folded, ' ');
        }
      else
        g_string_append_c (folded, *p);
    }
  return g_string_free (folded, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
pdf_page_size (const char *pdf,
               double     *width,
               double     *height,
               guint      *pages)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { pdfinfo, pdf, NULL };
  const char *line;
  int status;

  g_assert_nonnull (pdfinfo);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  line = strstr (out, "Page size:");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Page size: %lf x %lf", width, height), ==, 2);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Pages: %u", pages), ==, 1);
}

/* Tests: PDF */

static void
test_pdf_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdftotext = find_tool ("pdftotext");
  g_autoptr(TpComparison) comparison = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  double width, height;
  guint pages;

  if (pdftotext == NULL)
    return;
  comparison = report_comparison (f->lib.store, NULL);
  path = report_write_file (comparison, TP_REPORT_FORMAT_PDF, &annotated, f->lib.dir, "report");
  head = report_read_file (path);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  text = pdf_text (pdftotext, path, FALSE);
  g_test_message ("pdftotext: %s", text);
  /* Header: title, date range, filters; column headings. */
  g_assert_nonnull (strstr (text, "Stated positions by topic and side"));
  g_assert_nonnull (strstr (text, "Period: all dates"));
  g_assert_nonnull (strstr (text, "Review status: all but rejected"));
  g_assert_nonnull (strstr (text, "Moscow"));
  g_assert_nonnull (strstr (text, "Washington"));
  g_assert_nonnull (strstr (text, "Kyiv"));
  g_assert_nonnull (strstr (text, "Negotiations"));
  /* Vietnamese (with its stacked diacritics), Cyrillic and Latin intact. */
  g_assert_nonnull (strstr (text, "Chúng tôi muốn hòa bình"));
  g_assert_nonnull (strstr (text, "Ngoại trưởng Mỹ"));
  g_assert_nonnull (strstr (text, "Điện Kremlin"));
  g_assert_nonnull (strstr (text, "Мы готовы к переговорам"));
  g_assert_nonnull (strstr (text, "Сергей Лавров"));
  g_assert_nonnull (strstr (text, "ТАСС"));
  /* Citations and review status. */
  g_assert_nonnull (strstr (text, "VTC News"));
  g_assert_nonnull (strstr (text, "tass-0705.txt"));
  g_assert_nonnull (strstr (text, "Confirmed"));
  g_assert_nonnull (strstr (text, "Edited by a journalist"));
  g_assert_null (strstr (text, "/home/reporter"));
  /* Tags and notes were asked for. */
  g_assert_nonnull (strstr (text, "priority, high"));
  g_assert_nonnull (strstr (text, "Đã đối chiếu với bản tin TASS"));
  /* The rejected statement stays out. */
  g_assert_null (strstr (text, "Ukraine would not cede territory"));

  pdf_page_size (path, &width, &height, &pages);
  g_assert_cmpfloat_with_epsilon (width, 841.89, 1.0);
  g_assert_cmpfloat_with_epsilon (height, 595.28, 1.0);
  g_assert_cmpuint (count_occurrences (text, "Page 1 of"), ==, 1);
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);
    g_assert_nonnull (strstr (text, last));
  }
}

static void
test_pdf_letter_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *pdftotext = find_tool ("pdftotext");
  TpComparisonFilter filter = { .date_until = "2001-01-01" };
  TpReportOptions letter = { NULL, FALSE, FALSE, TP_REPORT_PAPER_LETTER, FALSE };
  g_autoptr(TpComparison) comparison = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double width, height;
  guint pages;

  if (pdftotext == NULL)
    return;
  comparison = report_comparison (f->lib.store, &filter);
  path = report_write_file (comparison, TP_REPORT_FORMAT_PDF, &letter, f->lib.dir, "empty");
  text = pdf_text (pdftotext, path, FALSE);
  g_assert_nonnull (strstr (text, "No statements match these filters"));
  g_assert_nonnull (strstr (text, "Period: until 2001-01-01"));
  pdf_page_size (path, &width, &height, &pages);
  g_assert_cmpfloat_with_epsilon (width, 792.0, 1.0);
  g_assert_cmpfloat_with_epsilon (height, 612.0, 1.0);
  g_assert_cmpuint (pages, ==, 1);
}

/* One cell far taller than a page, with a statement taller than a page in
 * it: every numbered line must come out once, in order, over several
 * pages, each page numbered. */
static void
test_pdf_pagination (void)
{
  g_autofree char *pdftotext = find_tool ("pdftotext");
  ReportLibrary lib;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) giant = g_string_new (NULL);
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(TpComparison) comparison = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *p;
  double width, height;
  guint pages;

  if (pdftotext == NULL)
    return;
  report_library_init (&lib);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (body, "Quote number q%03u: Kyiv will defend every village, said the "
                                  "minister in a long interview about the front line.\n", i);
  for (guint i = 0; i < 160; i++)
    g_string_append_printf (giant, "w%03u Ukraine keeps fighting. ", i);
  g_string_append (body, giant->str);

  article = report_article ("Long interview", "Sample Wire", "https://example.org/long", NULL, "en",
                            "2025-06-01", body->str);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *needle = g_strdup_printf ("Quote number q%03u: Kyiv will defend every village", i);
      g_autofree char *day = g_strdup_printf ("2025-05-%02u", 1 + i % 28);

      g_ptr_array_add (st, report_statement (body->str, needle, TP_STATEMENT_DIRECT, "Minister",
                                             NULL, NULL, "kyiv", "territory", day));
    }
  g_ptr_array_add (st, report_statement (body->str, giant->str, TP_STATEMENT_INDIRECT, "Minister",
                                         NULL, NULL, "kyiv", "territory", "2025-05-30"));
  report_add_article (lib.store, article, st);

  comparison = report_comparison (lib.store, NULL);
  path = report_write_file (comparison, TP_REPORT_FORMAT_PDF, NULL, lib.dir, "long");
  text = pdf_text (pdftotext, path, FALSE);
  pdf_page_size (path, &width, &height, &pages);
  g_assert_cmpuint (pages, >, 3);

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *marker = g_strdup_printf ("q%03u:", i);
      g_assert_cmpuint (count_occurrences (text, marker), ==, 1);
    }
  /* The giant statement's words, once each and in order. */
  p = text;
  for (guint i = 0; i < 160; i++)
    {
      g_autofree char *word = g_strdup_printf ("w%03u ", i);

      g_assert_cmpuint (count_occurrences (text, word), ==, 1);
      p = strstr (p, word);
      g_assert_nonnull (p);
    }
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i, pages);
      g_assert_cmpuint (count_occurrences (text, number), ==, 1);
    }
  /* The continued row says so. */
  g_assert_nonnull (strstr (text, "Territory (continued)"));
  report_library_clear (&lib);
}

/* Auxiliary methods: CSV */

/* RFC 4180: records end in CRLF (a lone LF is accepted too), fields are
 * separated by commas, a field in quotes may hold commas, line breaks and
 * doubled quotes. Returns NULL (with a message) on malformed input. */
static GPtrArray *
parse_csv (const char  *text,
           char       **problem)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  gboolean quoted = FALSE, was_quoted = FALSE;

  for (;;)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            {
              *problem = g_strdup ("unterminated quoted field");
              g_ptr_array_unref (record);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              p++;
              if (*p != ',' && *p != '\r' && *p != '\n' && *p != '\0')
                {
                  *problem = g_strdup_printf ("text after a closing quote at offset %ld",
                                              (long) (p - text));
                  g_ptr_array_unref (record);
                  return NULL;
                }
            }
          else
            {
              g_string_append_c (field, c);
              p++;
            }
          continue;
        }

      if (c == '"')
        {
          if (field->len > 0)
            {
              *problem = g_strdup_printf ("quote inside an unquoted field at offset %ld",
                                          (long) (p - text));
              g_ptr_array_unref (record);
              return NULL;
            }
          quoted = was_quoted = TRUE;
          p++;
        }
      else if (c == ',')
        {
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          p++;
        }
      else if (c == '\r' || c == '\n' || c == '\0')
        {
          if (c == '\0' && record->len == 0 && field->len == 0 && !was_quoted)
            break;
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
          if (c == '\0')
            break;
          if (c == '\r' && p[1] == '\n')
            p++;
          else if (c == '\r')
            {
              *problem = g_strdup ("bare CR outside quotes");
              g_ptr_array_unref (record);
              return NULL;
            }
          p++;
        }
      else
        {
          g_string_append_c (field, c);
          p++;
        }
    }
  g_ptr_array_unref (record);
  return g_steal_pointer (&records);
}

static const char * const csv_columns[] = {
  "id", "side", "actor", "speaker", "kind", "text", "topics", "tags", "notes", "said_on",
  "outlet", "article_title", "source", "published", "review_status",
};

static GPtrArray *
find_record (GPtrArray *records,
             gint64     id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  for (guint i = 1; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);

      if (g_str_equal (g_ptr_array_index (record, 0), key))
        return record;
    }
  return NULL;
}

#define FIELD(record, i) ((const char *) g_ptr_array_index ((record), (i)))

/* Tests: CSV */

static void
test_csv_parser (void)
{
  char *problem = NULL;
  g_autoptr(GPtrArray) ok = parse_csv ("a,\"b,\"\"c\"\"\r\nd\",\r\n", &problem);
  GPtrArray *r;

  /* The reader itself must reject what RFC 4180 forbids. */
  g_assert_null (problem);
  g_assert_cmpuint (ok->len, ==, 1);
  r = g_ptr_array_index (ok, 0);
  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpstr (FIELD (r, 1), ==, "b,\"c\"\r\nd");
  g_assert_cmpstr (FIELD (r, 2), ==, "");
  g_assert_null (parse_csv ("a,\"b\r\n", &problem));
  g_clear_pointer (&problem, g_free);
  g_assert_null (parse_csv ("a,b\"c\r\n", &problem));
  g_clear_pointer (&problem, g_free);
  g_assert_null (parse_csv ("a,\"b\"c\r\n", &problem));
  g_clear_pointer (&problem, g_free);
}

static void
test_csv_records (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_CSV, NULL, f->lib.dir,
                                             "report");
  g_autofree char *text = report_read_file (path);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *problem = NULL;
  GPtrArray *header, *r;

  g_assert_false (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  records = parse_csv (text, &problem);
  g_assert_cmpstr (problem, ==, NULL);
  g_assert_nonnull (records);

  header = g_ptr_array_index (records, 0);
  g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (csv_columns));
  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    g_assert_cmpstr (FIELD (header, i), ==, csv_columns[i]);
  /* One record per statement: the two-topic one once, the rejected none. */
  g_assert_cmpuint (records->len, ==, 1 + 5);
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, i))->len, ==, G_N_ELEMENTS (csv_columns));
  g_assert_null (find_record (records, f->s5));

  r = find_record (records, f->s1);
  g_assert_nonnull (r);
  g_assert_cmpstr (FIELD (r, 1), ==, "moscow");
  g_assert_cmpstr (FIELD (r, 2), ==, "Dmitry Peskov");
  g_assert_cmpstr (FIELD (r, 3), ==, "ông Peskov");
  g_assert_cmpstr (FIELD (r, 4), ==, "direct");
  g_assert_cmpstr (FIELD (r, 5), ==, "Chúng tôi muốn hòa bình");
  g_assert_nonnull (strstr (FIELD (r, 6), "negotiations"));
  g_assert_nonnull (strstr (FIELD (r, 6), "ceasefire"));
  g_assert_cmpstr (FIELD (r, 7), ==, "kiểm chứng");
  g_assert_cmpstr (FIELD (r, 9), ==, "2025-07-04");
  g_assert_cmpstr (FIELD (r, 10), ==, "VTC News");
  g_assert_cmpstr (FIELD (r, 11), ==, "Điện Kremlin: Nga sẵn sàng đàm phán");
  g_assert_cmpstr (FIELD (r, 12), ==, "https://vtc.vn/dien-kremlin-123.html");
  g_assert_cmpstr (FIELD (r, 13), ==, "2025-07-04");
  g_assert_cmpstr (FIELD (r, 14), ==, "confirmed");

  /* Embedded quotes, commas and line breaks come back exactly. */
  r = find_record (records, f->s3);
  g_assert_cmpstr (FIELD (r, 5), ==, text_s3);
  g_assert_cmpstr (FIELD (r, 7), ==, "priority, high");
  g_assert_true (g_str_has_suffix (FIELD (r, 8), note_s3));
  g_assert_cmpstr (FIELD (r, 11), ==, "Zelensky: \"No land for peace\", ever");
  g_assert_cmpstr (FIELD (r, 12), ==, "https://example.org/news/zelensky?id=7&lang=en");
  g_assert_cmpstr (FIELD (r, 14), ==, "edited");
  r = find_record (records, f->s4);
  g_assert_cmpstr (FIELD (r, 5), ==, text_s4);
  g_assert_cmpstr (FIELD (r, 9), ==, "");

  /* A file article cites its file name; Cyrillic intact. */
  r = find_record (records, f->s6);
  g_assert_cmpstr (FIELD (r, 5), ==, "Мы готовы к переговорам без предварительных условий");
  g_assert_cmpstr (FIELD (r, 12), ==, "tass-0705.txt");
  g_assert_cmpstr (FIELD (r, 10), ==, "ТАСС");
}

static void
test_csv_bom_and_filters (Fixture       *f,
                          gconstpointer  data)
{
  const char *confirmed_tags[] = { "kiểm chứng", NULL };
  TpComparisonFilter filter = { .review_mask = TP_REVIEW_MASK (TP_REVIEW_CONFIRMED) };
  TpReportOptions bom = { NULL, FALSE, FALSE, TP_REPORT_PAPER_A4, TRUE };
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, &filter);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_CSV, &bom, f->lib.dir,
                                             "confirmed");
  g_autofree char *text = report_read_file (path);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(TpComparison) tagged = NULL;
  g_autoptr(TpComparison) empty = NULL;
  char *problem = NULL;

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "id,side,"));
  records = parse_csv (text + 3, &problem);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1 + 2);
  g_assert_nonnull (find_record (records, f->s1));
  g_assert_nonnull (find_record (records, f->s6));
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);

  /* Tag filter: only the tagged statement. */
  filter = (TpComparisonFilter) { .tags = confirmed_tags };
  tagged = report_comparison (f->lib.store, &filter);
  path = report_write_file (tagged, TP_REPORT_FORMAT_CSV, NULL, f->lib.dir, "tagged");
  text = report_read_file (path);
  records = parse_csv (text, &problem);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_nonnull (find_record (records, f->s1));
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);

  /* Nothing matches: a header and no record is still a valid file. */
  filter = (TpComparisonFilter) { .date_from = "2030-01-01" };
  empty = report_comparison (f->lib.store, &filter);
  path = report_write_file (empty, TP_REPORT_FORMAT_CSV, NULL, f->lib.dir, "empty");
  text = report_read_file (path);
  records = parse_csv (text, &problem);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
}

/* Auxiliary methods: JSON Schema (the subset data/report-schema.json uses) */

static gboolean validate_json (JsonObject *root_schema,
                               JsonNode   *schema,
                               JsonNode   *value,
                               const char *where,
                               GString    *errors);

static const char *
json_type_of (JsonNode *value)
{
  switch (json_node_get_node_type (value))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_DOUBLE:
      return "number";
    case G_TYPE_BOOLEAN:
      return "boolean";
    case G_TYPE_STRING:
      return "string";
    default:
      return "unknown";
    }
}

static gboolean
type_matches (const char *wanted,
              JsonNode   *value)
{
  const char *actual = json_type_of (value);

  if (g_str_equal (wanted, actual))
    return TRUE;
  /* json-glib reads 1.0 back as an integer; both are numbers. */
  return g_str_equal (wanted, "number") && g_str_equal (actual, "integer");
}

static double
json_number (JsonNode *value)
{
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    return (double) json_node_get_int (value);
  return json_node_get_double (value);
}

static gboolean
validate_json (JsonObject *root_schema,
               JsonNode   *schema_node,
               JsonNode   *value,
               const char *where,
               GString    *errors)
{
  static const char * const known[] = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "const", "enum",
    "properties", "required", "additionalProperties", "items", "minimum", "maximum", "pattern",
    NULL
  };
  JsonObject *schema;
  gboolean ok = TRUE;
  g_autoptr(GList) keywords = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (schema_node));
  schema = json_node_get_object (schema_node);

  /* A keyword this validator does not know would be silently ignored:
   * refuse it so the schema cannot claim more than is checked. */
  keywords = json_object_get_members (schema);
  for (GList *l = keywords; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      g_error ("report-schema.json uses “%s”, which the test validator does not implement",
               (char *) l->data);

  if (json_object_has_member (schema, "$ref"))
    {
      const char *ref = json_object_get_string_member (schema, "$ref");
      JsonObject *defs = json_object_get_object_member (root_schema, "$defs");

      g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
      g_assert_true (json_object_has_member (defs, ref + strlen ("#/$defs/")));
      if (!validate_json (root_schema, json_object_get_member (defs, ref + strlen ("#/$defs/")),
                          value, where, errors))
        ok = FALSE;
    }

  if (json_object_has_member (schema, "type"))
    {
      JsonNode *type = json_object_get_member (schema, "type");
      gboolean match = FALSE;

      if (JSON_NODE_HOLDS_ARRAY (type))
        {
          JsonArray *types = json_node_get_array (type);

          for (guint i = 0; i < json_array_get_length (types); i++)
            match |= type_matches (json_array_get_string_element (types, i), value);
        }
      else
        match = type_matches (json_node_get_string (type), value);
      if (!match)
        {
          g_string_append_printf (errors, "%s: is %s, not the schema's type\n", where,
                                  json_type_of (value));
          return FALSE;
        }
    }

  if (json_object_has_member (schema, "const")
      && !json_node_equal (json_object_get_member (schema, "const"), value))
    {
      g_string_append_printf (errors, "%s: not the constant the schema wants\n", where);
      ok = FALSE;
    }

  if (json_object_has_member (schema, "enum"))
    {
      JsonArray *choices = json_object_get_array_member (schema, "enum");
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (choices); i++)
        found |= json_node_equal (json_array_get_element (choices, i), value);
      if (!found)
        {
          g_string_append_printf (errors, "%s: not one of the schema's values\n", where);
          ok = FALSE;
        }
    }

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
      && json_object_has_member (schema, "pattern"))
    {
      const char *pattern = json_object_get_string_member (schema, "pattern");

      if (!g_regex_match_simple (pattern, json_node_get_string (value), 0, 0))
        {
          g_string_append_printf (errors, "%s: “%s” does not match %s\n", where,
                                  json_node_get_string (value), pattern);
          ok = FALSE;
        }
    }

  if (JSON_NODE_HOLDS_VALUE (value)
      && (json_node_get_value_type (value) == G_TYPE_INT64
          || json_node_get_value_type (value) == G_TYPE_DOUBLE))
    {
      if (json_object_has_member (schema, "minimum")
          && json_number (value) < json_object_get_double_member (schema, "minimum"))
        {
          g_string_append_printf (errors, "%s: below the minimum\n", where);
          ok = FALSE;
        }
      if (json_object_has_member (schema, "maximum")
          && json_number (value) > json_object_get_double_member (schema, "maximum"))
        {
          g_string_append_printf (errors, "%s: above the maximum\n", where);
          ok = FALSE;
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonObject *properties = json_object_has_member (schema, "properties")
                               ? json_object_get_object_member (schema, "properties") : NULL;
      g_autoptr(GList) members = json_object_get_members (object);

      if (json_object_has_member (schema, "required"))
        {
          JsonArray *required = json_object_get_array_member (schema, "required");

          for (guint i = 0; i < json_array_get_length (required); i++)
            if (!json_object_has_member (object, json_array_get_string_element (required, i)))
              {
                g_string_append_printf (errors, "%s: “%s” is missing\n", where,
                                        json_array_get_string_element (required, i));
                ok = FALSE;
              }
        }
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = g_strdup_printf ("%s.%s", where, (char *) l->data);

          if (properties != NULL && json_object_has_member (properties, l->data))
            {
              if (!validate_json (root_schema, json_object_get_member (properties, l->data),
                                  json_object_get_member (object, l->data), child, errors))
                ok = FALSE;
            }
          else if (json_object_has_member (schema, "additionalProperties")
                   && !json_object_get_boolean_member (schema, "additionalProperties"))
            {
              g_string_append_printf (errors, "%s: not in the schema\n", child);
              ok = FALSE;
            }
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (value) && json_object_has_member (schema, "items"))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", where, i);

          if (!validate_json (root_schema, json_object_get_member (schema, "items"),
                              json_array_get_element (array, i), child, errors))
            ok = FALSE;
        }
    }
  return ok;
}

static JsonParser *
load_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "report-schema.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return parser;
}

static gboolean
report_matches_schema (JsonNode  *report,
                       char     **problems)
{
  g_autoptr(JsonParser) schema = load_schema ();
  JsonNode *root = json_parser_get_root (schema);
  g_autoptr(GString) errors = g_string_new (NULL);
  gboolean ok = validate_json (json_node_get_object (root), root, report, "$", errors);

  *problems = g_string_free (g_steal_pointer (&errors), FALSE);
  return ok;
}

static JsonObject *
find_json_statement (JsonObject *report,
                     gint64      id)
{
  JsonArray *statements = json_object_get_array_member (report, "statements");

  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *s = json_array_get_object_element (statements, i);

      if (json_object_get_int_member (s, "id") == id)
        return s;
    }
  return NULL;
}

/* Tests: JSON */

static void
test_json_schema (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_JSON, NULL, f->lib.dir,
                                             "report");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  JsonObject *report, *s, *citation;
  JsonArray *cells;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  if (!report_matches_schema (json_parser_get_root (parser), &problems))
    g_error ("the JSON report does not match its schema:\n%s", problems);

  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (report, "schema_version"), ==, TP_REPORT_SCHEMA_VERSION);
  g_assert_false (json_object_get_boolean_member (report, "empty"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "statements")), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "sides")), ==, 3);
  g_assert_null (find_json_statement (report, f->s5));

  s = find_json_statement (report, f->s3);
  g_assert_nonnull (s);
  g_assert_cmpstr (json_object_get_string_member (s, "text"), ==, text_s3);
  g_assert_cmpstr (json_object_get_string_member (s, "review_status"), ==, "edited");
  g_assert_true (json_object_get_boolean_member (s, "starred"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (s, "notes"), 0),
                     "text"), ==, note_s3);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (s, "tags"), 0),
                     "name"), ==, "priority, high");
  citation = json_object_get_object_member (s, "citation");
  g_assert_cmpstr (json_object_get_string_member (citation, "url"), ==,
                   "https://example.org/news/zelensky?id=7&lang=en");
  g_assert_cmpstr (json_object_get_string_member (citation, "published"), ==, "2025-07-05");

  s = find_json_statement (report, f->s6);
  citation = json_object_get_object_member (s, "citation");
  g_assert_cmpstr (json_object_get_string_member (citation, "file"), ==, "tass-0705.txt");
  g_assert_true (json_object_get_null_member (citation, "url"));

  /* The two-topic statement is listed once but sits in two cells. */
  cells = json_object_get_array_member (report, "cells");
  {
    guint in_cells = 0;

    for (guint i = 0; i < json_array_get_length (cells); i++)
      {
        JsonArray *ids = json_object_get_array_member (json_array_get_object_element (cells, i),
                                                       "statements");

        for (guint j = 0; j < json_array_get_length (ids); j++)
          if (json_array_get_int_element (ids, j) == f->s1)
            in_cells++;
      }
    g_assert_cmpuint (in_cells, ==, 2);
  }
}

static void
test_json_schema_rejects (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_JSON, NULL, f->lib.dir,
                                             "report");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  char *problems = NULL;
  JsonObject *report, *s;

  /* The validator must catch a report that breaks the schema. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  report = json_node_get_object (json_parser_get_root (parser));
  s = json_array_get_object_element (json_object_get_array_member (report, "statements"), 0);

  json_object_set_string_member (s, "review_status", "approved");
  g_assert_false (report_matches_schema (json_parser_get_root (parser), &problems));
  g_assert_nonnull (strstr (problems, "review_status"));
  g_clear_pointer (&problems, g_free);
  json_object_set_string_member (s, "review_status", "confirmed");
  g_assert_true (report_matches_schema (json_parser_get_root (parser), &problems));
  g_clear_pointer (&problems, g_free);

  json_object_remove_member (s, "citation");
  g_assert_false (report_matches_schema (json_parser_get_root (parser), &problems));
  g_assert_nonnull (strstr (problems, "citation"));
  g_clear_pointer (&problems, g_free);

  json_object_set_int_member (report, "schema_version", 2);
  json_object_set_string_member (report, "surprise", "x");
  g_assert_false (report_matches_schema (json_parser_get_root (parser), &problems));
  g_assert_nonnull (strstr (problems, "surprise"));
  g_assert_nonnull (strstr (problems, "schema_version"));
  g_clear_pointer (&problems, g_free);
}

static void
test_json_empty (Fixture       *f,
                 gconstpointer  data)
{
  const char *outlets[] = { "No Such Outlet", NULL };
  TpComparisonFilter filter = { .outlets = outlets };
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, &filter);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_JSON, NULL, f->lib.dir,
                                             "empty");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  JsonObject *report;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  if (!report_matches_schema (json_parser_get_root (parser), &problems))
    g_error ("the empty JSON report does not match its schema:\n%s", problems);
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (report, "empty"));
  g_assert_cmpstr (json_object_get_string_member (report, "message"), ==,
                   "No statements match these filters");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "statements")), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_object_get_object_member (report, "filters"),
                                                   "outlets"), 0), ==, "No Such Outlet");
}

/* Tests: Markdown */

static void
test_markdown_escaping (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_MARKDOWN, &annotated,
                                             f->lib.dir, "report");
  g_autofree char *text = report_read_file (path);
  g_autoptr(TpComparison) empty = NULL;
  TpComparisonFilter filter = { .date_from = "2040-01-01" };
  g_autofree char *empty_path = NULL;
  g_autofree char *empty_text = NULL;

  g_assert_true (g_str_has_prefix (text, "# Stated positions by topic and side\n"));
  g_assert_nonnull (strstr (text, "\n## Negotiations\n"));
  g_assert_nonnull (strstr (text, "\n### Moscow\n"));
  /* Nothing from the library can become markup. */
  g_assert_null (strstr (text, "<b>"));
  g_assert_null (strstr (text, "](javascript"));
  g_assert_null (strstr (text, " *twice*"));
  g_assert_nonnull (strstr (text, "\\<b\\>absurd\\</b\\> \\& \"cynical\" \\*twice\\* "
                                  "\\[see\\]\\(javascript:alert\\(1\\)\\)."));
  /* Web citations are autolinks, file ones plain names. */
  g_assert_nonnull (strstr (text, "<https://example.org/news/zelensky?id=7&lang=en>"));
  g_assert_nonnull (strstr (text, "file tass-0705.txt"));
  /* Line-start markers are escaped where they would start a list. */
  {
    g_autoptr(GString) probe = g_string_new (NULL);
    g_autoptr(TpComparison) none = NULL;
    TpComparisonFilter nothing = { .date_from = "2099-01-01" };
    TpReportOptions titled = { "- 1. # not a list", FALSE, FALSE, TP_REPORT_PAPER_A4, FALSE };
    g_autofree char *probe_path = NULL;
    g_autofree char *probe_text = NULL;

    none = report_comparison (f->lib.store, &nothing);
    probe_path = report_write_file (none, TP_REPORT_FORMAT_MARKDOWN, &titled, f->lib.dir, "probe");
    probe_text = report_read_file (probe_path);
    g_assert_true (g_str_has_prefix (probe_text, "# \\- 1. \\# not a list\n"));
  }
  g_assert_null (strstr (text, "/home/reporter"));
  g_assert_nonnull (strstr (text, "Review: Confirmed"));
  g_assert_nonnull (strstr (text, "Chúng tôi muốn hòa bình"));

  empty = report_comparison (f->lib.store, &filter);
  empty_path = report_write_file (empty, TP_REPORT_FORMAT_MARKDOWN, NULL, f->lib.dir, "empty");
  empty_text = report_read_file (empty_path);
  g_assert_nonnull (strstr (empty_text, "**No statements match these filters**"));
}

/* Auxiliary methods: ODT */

/* The CRC-32 of ZIP, bit by bit (the writer uses a table). */
static guint32
zip_crc32 (const guint8 *data,
           gsize         len)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

/* Reads a ZIP package through its central directory, checking every
 * entry's local header and CRC; returns name → contents. */
static GHashTable *
read_zip (const char  *path,
          GPtrArray  **order)
{
  g_autofree char *raw = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const guint8 *data, *eocd = NULL;
  guint32 dir_offset;
  guint16 n;

  g_assert_true (g_file_get_contents (path, &raw, &len, &error));
  data = (const guint8 *) raw;
  for (gsize i = len - 22; i > 0 && eocd == NULL; i--)
    if (le32 (data + i) == 0x06054b50)
      eocd = data + i;
  g_assert_nonnull (eocd);
  n = le16 (eocd + 10);
  dir_offset = le32 (eocd + 16);
  g_assert_cmpuint (dir_offset + le32 (eocd + 12), ==, eocd - data);
  *order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0, at = dir_offset; i < n; i++)
    {
      const guint8 *c = data + at;
      guint32 crc = le32 (c + 16), size = le32 (c + 24), offset = le32 (c + 42);
      guint16 name_len = le16 (c + 28);
      char *name = g_strndup ((const char *) c + 46, name_len);
      const guint8 *local = data + offset;
      const guint8 *body;

      g_assert_cmpuint (le32 (c), ==, 0x02014b50);
      g_assert_cmpuint (le16 (c + 10), ==, 0);           /* stored */
      g_assert_cmpuint (le32 (c + 20), ==, size);
      g_assert_cmpuint (le32 (local), ==, 0x04034b50);
      g_assert_cmpuint (le32 (local + 14), ==, crc);
      g_assert_cmpuint (le16 (local + 26), ==, name_len);
      body = local + 30 + name_len + le16 (local + 28);
      g_assert_cmpuint (body + size - data, <=, dir_offset);
      g_assert_cmpuint (zip_crc32 (body, size), ==, crc);
      g_hash_table_insert (files, g_strdup (name), g_strndup ((const char *) body, size));
      g_ptr_array_add (*order, name);
      at += 46 + name_len + le16 (c + 30) + le16 (c + 32);
    }
  /* ODF: the mimetype comes first, stored, its text at byte 38. */
  g_assert_cmpstr (g_ptr_array_index (*order, 0), ==, "mimetype");
  g_assert_true (memcmp (data + 30, "mimetype", 8) == 0);
  g_assert_true (memcmp (data + 38, "application/vnd.oasis.opendocument.text", 39) == 0);
  return files;
}

static xmlXPathObjectPtr
odf_xpath (xmlDocPtr   doc,
           const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr obj;

  xmlXPathRegisterNs (ctx, (const xmlChar *) "office",
                      (const xmlChar *) "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "style",
                      (const xmlChar *) "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "text",
                      (const xmlChar *) "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "table",
                      (const xmlChar *) "urn:oasis:names:tc:opendocument:xmlns:table:1.0");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "fo",
                      (const xmlChar *) "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
  xmlXPathRegisterNs (ctx, (const xmlChar *) "xlink", (const xmlChar *) "http://www.w3.org/1999/xlink");
  obj = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  xmlXPathFreeContext (ctx);
  g_assert_nonnull (obj);
  return obj;
}

static int
odf_count (xmlDocPtr   doc,
           const char *expr)
{
  xmlXPathObjectPtr obj = odf_xpath (doc, expr);
  int n = obj->nodesetval != NULL ? obj->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (obj);
  return n;
}

static char *
odf_string (xmlDocPtr   doc,
            const char *expr)
{
  xmlXPathObjectPtr obj = odf_xpath (doc, expr);
  char *result = NULL;

  if (obj->nodesetval != NULL && obj->nodesetval->nodeNr > 0)
    {
      xmlChar *content = xmlNodeGetContent (obj->nodesetval->nodeTab[0]);

      result = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (obj);
  return result;
}

static xmlDocPtr
parse_xml (const char *text)
{
  xmlDocPtr doc = xmlReadMemory (text, strlen (text), "part.xml", "UTF-8", XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

/* Tests: ODT */

static void
test_odt_package (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_ODT, &annotated,
                                             f->lib.dir, "report");
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) files = read_zip (path, &order);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  xmlDocPtr content, manifest, styles;
  g_autofree char *s = NULL;

  g_assert_cmpstr (g_hash_table_lookup (files, "mimetype"), ==, "application/vnd.oasis.opendocument.text");
  manifest = parse_xml (g_hash_table_lookup (files, "META-INF/manifest.xml"));
  styles = parse_xml (g_hash_table_lookup (files, "styles.xml"));
  content = parse_xml (g_hash_table_lookup (files, "content.xml"));
  g_assert_cmpint (odf_count (styles, "//style:page-layout-properties[@style:print-orientation='landscape']"
                                      "[@fo:page-width='29.7cm']"), ==, 1);

  /* The table: a topic column and one column per side, in their colours. */
  g_assert_cmpint (odf_count (content, "//table:table"), ==, 1);
  g_assert_cmpint (odf_count (content, "//table:table-header-rows/table:table-row/table:table-cell"), ==, 4);
  s = odf_string (content, "//table:table-header-rows//table:table-cell[2]/text:p");
  g_assert_cmpstr (s, ==, "Moscow");
  g_clear_pointer (&s, g_free);
  s = odf_string (content, "//style:style[@style:name=concat('TpSideHead',"
                           "'0')]/style:table-cell-properties/@fo:background-color");
  g_assert_cmpstr (s, ==, "#c0392b");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (odf_count (content, "//table:table/table:table-row"), ==, 4);

  /* Text exactly as written, citations, review status, tags and notes. */
  g_assert_cmpint (odf_count (content, "//text:p[@text:style-name='TpQuote']"), ==, 6);
  {
    g_autofree char *expr = g_strdup_printf ("//text:p[@text:style-name='TpQuote'][starts-with(.,'He called')]");
    s = odf_string (content, expr);
  }
  g_assert_cmpstr (s, ==, text_s4);
  g_clear_pointer (&s, g_free);
  s = odf_string (content, "//text:a/@xlink:href");
  g_assert_true (g_str_has_prefix (s, "https://"));
  g_clear_pointer (&s, g_free);
  /* Both statements of the English article link to it. */
  g_assert_cmpint (odf_count (content, "//text:a[@xlink:href='https://example.org/news/zelensky?id=7&lang=en']"),
                   ==, 2);
  g_assert_cmpint (odf_count (content, "//text:a[not(starts-with(@xlink:href,'http'))]"), ==, 0);
  g_assert_cmpint (odf_count (content, "//text:p[@text:style-name='TpCite'][contains(.,'tass-0705.txt')]"), ==, 1);
  g_assert_null (strstr (g_hash_table_lookup (files, "content.xml"), "/home/reporter"));
  g_assert_cmpint (odf_count (content, "//text:p[@text:style-name='TpReviewconfirmed']"), ==, 3);
  g_assert_cmpint (odf_count (content, "//text:p[@text:style-name='TpCite'][.='Tags: priority, high']"), ==, 1);
  /* A note's line break is an ODF line break. */
  g_assert_cmpint (odf_count (content, "//text:p[@text:style-name='TpNote'][text:line-break]"), ==, 1);
  g_assert_cmpint (odf_count (manifest, "//*[local-name()='file-entry']"), ==, 4);

  if (unzip != NULL)
    {
      const char *argv[] = { unzip, "-tq", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  xmlFreeDoc (content);
  xmlFreeDoc (styles);
  xmlFreeDoc (manifest);
}

static void
test_odt_empty_letter (Fixture       *f,
                       gconstpointer  data)
{
  TpComparisonFilter filter = { .date_from = "2035-01-01" };
  TpReportOptions letter = { NULL, FALSE, FALSE, TP_REPORT_PAPER_LETTER, FALSE };
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, &filter);
  g_autofree char *path = report_write_file (comparison, TP_REPORT_FORMAT_ODT, &letter, f->lib.dir,
                                             "empty");
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) files = read_zip (path, &order);
  xmlDocPtr content = parse_xml (g_hash_table_lookup (files, "content.xml"));
  xmlDocPtr styles = parse_xml (g_hash_table_lookup (files, "styles.xml"));
  g_autofree char *message = odf_string (content, "//text:p[@text:style-name='TpEmpty']");

  g_assert_cmpstr (message, ==, "No statements match these filters");
  g_assert_cmpint (odf_count (content, "//table:table"), ==, 0);
  g_assert_cmpint (odf_count (styles, "//style:page-layout-properties[@fo:page-width='27.94cm']"), ==, 1);
  xmlFreeDoc (content);
  xmlFreeDoc (styles);
}

/* Tests: the writer API */

static void
test_formats (void)
{
  static const struct { const char *name; TpReportFormat format; const char *ext; } table[] = {
    { "html", TP_REPORT_FORMAT_HTML, "html" },
    { "PDF", TP_REPORT_FORMAT_PDF, "pdf" },
    { "md", TP_REPORT_FORMAT_MARKDOWN, "md" },
    { "markdown", TP_REPORT_FORMAT_MARKDOWN, "md" },
    { "csv", TP_REPORT_FORMAT_CSV, "csv" },
    { "json", TP_REPORT_FORMAT_JSON, "json" },
    { "odt", TP_REPORT_FORMAT_ODT, "odt" },
  };
  TpReportFormat format;
  TpReportPaper paper;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(TpReportWriter) writer = NULL;

      g_assert_true (tp_report_format_from_string (table[i].name, &format));
      g_assert_cmpint (format, ==, table[i].format);
      writer = tp_report_writer_new (format);
      g_assert_true (TP_IS_REPORT_WRITER (writer));
      g_assert_cmpstr (tp_report_writer_get_extension (writer), ==, table[i].ext);
    }
  g_assert_false (tp_report_format_from_string ("docx", &format));
  g_assert_false (tp_report_format_from_string (NULL, &format));
  g_assert_true (tp_report_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, TP_REPORT_PAPER_LETTER);
  g_assert_false (tp_report_paper_from_string ("a3", &paper));
}

typedef struct
{
  GError   *error;
  gboolean  done;
} AsyncResult;

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *r = user_data;

  tp_report_writer_write_file_finish (TP_REPORT_WRITER (source), result, &r->error);
  r->done = TRUE;
}

static void
test_write_async_and_failure (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autoptr(TpReportWriter) writer = tp_report_writer_new (TP_REPORT_FORMAT_HTML);
  g_autofree char *path = g_build_filename (f->lib.dir, "async.html", NULL);
  g_autofree char *missing = g_build_filename (f->lib.dir, "no-such-folder", "r.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autofree char *contents = NULL;
  AsyncResult r = { NULL, FALSE };
  GError *error = NULL;

  tp_report_writer_write_file_async (writer, comparison, &annotated, file, NULL, on_written_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  contents = report_read_file (path);
  g_assert_true (g_str_has_suffix (contents, "</html>\n"));

  /* A failed write names the file and leaves nothing behind. */
  g_assert_false (tp_report_writer_write_file (writer, comparison, NULL, bad, NULL, &error));
  g_assert_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "r.html"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Tests: triptych-cli */

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "triptych-cli", NULL);
}

static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status;
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out_path = g_build_filename (f->lib.dir, "cli.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  char *problem = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->s2);

  /* The store must let go of the file before another process writes it. */
  g_clear_object (&f->lib.store);

  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "--format", "csv", "-o", out_path,
                            "--status", "confirmed", "--side", "moscow", NULL), ==, 0);
  text = report_read_file (out_path);
  records = parse_csv (text, &problem);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1 + 2);
  g_assert_nonnull (find_record (records, f->s1));
  g_assert_nonnull (find_record (records, f->s6));
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Annotate through the CLI, then filter the export by the new tag. */
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "tag", id, "ưu tiên", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "review", id, "confirmed", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "note", id, "Cần gọi lại, \"xác nhận\"", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "-o", out_path, "--tag", "ưu tiên",
                            "--status", "confirmed", "--with-notes", NULL), ==, 0);
  text = report_read_file (out_path);
  records = parse_csv (text, &problem);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_nonnull (find_record (records, f->s2));
  g_assert_cmpstr (FIELD (find_record (records, f->s2), 7), ==, "ưu tiên");
  g_assert_nonnull (strstr (FIELD (find_record (records, f->s2), 8), "Cần gọi lại, \"xác nhận\""));
  g_assert_cmpstr (FIELD (find_record (records, f->s2), 14), ==, "confirmed");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Failures: non-zero and one line on stderr. */
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "--format", "docx", "-o", out_path,
                            NULL), !=, 0);
  g_assert_true (g_str_has_prefix (err, "triptych-cli: "));
  g_assert_cmpuint (count_occurrences (err, "\n"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "--format", "html", "-o", out_path,
                            "--status", "maybe", NULL), !=, 0);
  g_assert_cmpuint (count_occurrences (err, "\n"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "-o", out_path, "--side", "moskow",
                            NULL), !=, 0);
  g_assert_nonnull (strstr (err, "moskow"));
  g_assert_nonnull (strstr (err, "moscow, washington, kyiv"));
  g_assert_cmpuint (count_occurrences (err, "\n"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "export", "-o", out_path, "--topic", "peace",
                            NULL), !=, 0);
  g_assert_nonnull (strstr (err, "“peace”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "review", "999999", "confirmed", NULL), !=, 0);
  g_assert_cmpuint (count_occurrences (err, "\n"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, "untag", id, "no-such-tag", NULL), !=, 0);
  g_assert_cmpuint (count_occurrences (err, "\n"), ==, 1);
}

static void
test_cli_annotate (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->s4);
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(TpStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  gboolean starred = FALSE;
  gint64 note_id;

  g_clear_object (&f->lib.store);

#define RUN_OK(...) \
  G_STMT_START { \
    g_clear_pointer (&out, g_free); \
    g_clear_pointer (&err, g_free); \
    g_assert_cmpint (run_cli (f->lib.db_path, &out, &err, __VA_ARGS__, NULL), ==, 0); \
  } G_STMT_END

  RUN_OK ("tag", id, "draft", "kiểm chứng");
  RUN_OK ("star", id);
  RUN_OK ("review", id, "rejected");
  RUN_OK ("note", id, "first", "note");
  note_id = g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (note_id, >, 0);
  {
    g_autofree char *nid = g_strdup_printf ("%" G_GINT64_FORMAT, note_id);
    RUN_OK ("notes", "edit", nid, "edited note");
  }
  RUN_OK ("notes", id, "--format", "json");
  g_assert_nonnull (strstr (out, "\"edited note\""));
  RUN_OK ("tags", "rename", "draft", "bản nháp");
  RUN_OK ("tags", "merge", "bản nháp", "kiểm chứng");
  RUN_OK ("tags", "--format", "json");
  g_assert_nonnull (strstr (out, "\"kiểm chứng\""));
  g_assert_null (strstr (out, "bản nháp"));

  store = tp_store_open (f->lib.db_path, &error);
  g_assert_no_error (error);
  statement = tp_store_get_statement (store, f->s4, &error);
  g_assert_cmpint (statement->review, ==, TP_REVIEW_REJECTED);
  g_assert_true (tp_store_get_statement_starred (store, f->s4, &starred, &error));
  g_assert_true (starred);
  tags = tp_store_list_statement_tags (store, f->s4, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((TpTag *) g_ptr_array_index (tags, 0))->name, ==, "kiểm chứng");
  notes = tp_store_list_notes (store, f->s4, &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((TpNote *) g_ptr_array_index (notes, 0))->text, ==, "edited note");
  g_clear_object (&store);

  RUN_OK ("unstar", id);
  RUN_OK ("untag", id, "kiểm chứng");
  RUN_OK ("tags", "delete", "kiểm chứng");
  RUN_OK ("tags");
  g_assert_null (strstr (out, "kiểm chứng"));
#undef RUN_OK
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/report/formats", test_formats);
  ADD ("/report/html/structure", test_html_structure);
  ADD ("/report/html/without-annotations", test_html_without_annotations);
  ADD ("/report/html/empty", test_html_empty);
  ADD ("/report/pdf/text", test_pdf_text);
  ADD ("/report/pdf/letter-empty", test_pdf_letter_empty);
  g_test_add_func ("/report/pdf/pagination", test_pdf_pagination);
  g_test_add_func ("/report/csv/parser", test_csv_parser);
  ADD ("/report/csv/records", test_csv_records);
  ADD ("/report/csv/bom-and-filters", test_csv_bom_and_filters);
  ADD ("/report/json/schema", test_json_schema);
  ADD ("/report/json/schema-rejects", test_json_schema_rejects);
  ADD ("/report/json/empty", test_json_empty);
  ADD ("/report/markdown/escaping", test_markdown_escaping);
  ADD ("/report/odt/package", test_odt_package);
  ADD ("/report/odt/empty-letter", test_odt_empty_letter);
  ADD ("/report/write/async-and-failure", test_write_async_and_failure);
  ADD ("/report/cli/export", test_cli_export);
  ADD ("/report/cli/annotate", test_cli_annotate);
#undef ADD

  return g_test_run ();
}
