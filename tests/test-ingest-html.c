/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ingest-html"

#include "config.h"

#include <string.h>

#include "tp-source.h"

/* Auxiliary methods */

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ingest", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static TpArticle *
load_page (GBytes      *bytes,
           const char  *url,
           GError     **error)
{
  return tp_source_load_bytes (bytes, "text/html", NULL, url, TP_ORIGIN_URL, error);
}

static TpArticle *
load_html_string (const char  *html,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));

  return load_page (bytes, NULL, error);
}

static gboolean
has_caption (TpArticle  *article,
             const char *needle)
{
  for (guint i = 0; i < article->captions->len; i++)
    if (strstr (g_ptr_array_index (article->captions, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_news_page (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("en-page.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  static const char * const furniture[] = {
    "Home", "Share on Facebook", "Related", "Ceasefire talks stall", "Sidebar text",
    "Reader comment", "Subscribe", "Copyright", "SCRIPT TEXT", "color: red", "By Jane Doe",
    "Photo: Reuters", "KYIV, Nov 3",
  };

  article = load_page (bytes, "https://wire.example/world/kremlin?utm_source=feed", &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  /* Metadata: JSON-LD first, then OpenGraph and <link rel=canonical>. */
  g_assert_cmpstr (article->title, ==, "Kremlin open to talks, sets conditions");
  g_assert_cmpstr (article->outlet, ==, "Sample Wire");
  g_assert_cmpstr (article->author, ==, "Jane Doe, John Roe");
  g_assert_cmpstr (article->published, ==, "2024-11-03T09:30:00Z");
  g_assert_cmpstr (article->url, ==, "https://wire.example/world/kremlin-open-to-talks");
  g_assert_cmpstr (article->language, ==, "en");
  g_assert_cmpint (article->origin, ==, TP_ORIGIN_URL);

  /* The article text, paragraphs, heading, quote and list items kept. */
  g_assert_true (g_str_has_prefix (article->body, "This is a sample page written for Triptych."));
  g_assert_nonnull (strstr (article->body,
                            "\n\"We have never refused to talk,\" Kremlin spokesman"));
  g_assert_nonnull (strstr (article->body, "\nKyiv rejects the terms\n"));
  g_assert_nonnull (strstr (article->body,
                            "\n\"There will be no peace that rewards aggression,\""));
  g_assert_nonnull (strstr (article->body, "\nsecurity guarantees backed by Ukraine's partners"));
  g_assert_true (g_str_has_suffix (article->body, "declining to comment further on the talks."));

  /* Page furniture left out; the figure caption set apart. */
  for (guint i = 0; i < G_N_ELEMENTS (furniture); i++)
    if (strstr (article->body, furniture[i]) != NULL)
      g_error ("“%s” should not be in the body:\n%s", furniture[i], article->body);
  g_assert_cmpuint (article->captions->len, ==, 1);
  g_assert_true (has_caption (article, "Dmitry Peskov speaks to reporters in Moscow"));
}

static void
test_vietnamese_page (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("vi-page.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_page (bytes, NULL, &error);

  g_assert_no_error (error);
  /* " - Báo Mẫu" is the site name: cut from the <title>. */
  g_assert_cmpstr (article->title, ==, "Ngoại trưởng Nga nói về đàm phán");
  g_assert_cmpstr (article->outlet, ==, "Báo Mẫu");
  /* The page says lang="en"; the text says otherwise. */
  g_assert_cmpstr (article->language, ==, "vi");
  g_assert_true (g_str_has_prefix (article->body, "Trang mẫu viết cho Triptych."));
  g_assert_null (strstr (article->body, "Ảnh:"));
  g_assert_null (strstr (article->body, "Trang chủ"));
  g_assert_null (strstr (article->body, "Bản quyền"));
  g_assert_true (has_caption (article, "Ông Lavrov phát biểu tại Moskva. Ảnh: TASS."));
  g_assert_nonnull (strstr (article->body, "\nTheo ông Lavrov, các cuộc đàm phán"));
}

static void
test_outlet_from_domain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TpArticle) article = NULL;
  const char *html =
    "<html><head><title>Sample without a site name</title></head><body><article>"
    "<p>This page, written for Triptych, names no site, so the outlet is the domain of the "
    "address it came from, without the www prefix.</p></article></body></html>";

  bytes = g_bytes_new_static (html, strlen (html));
  article = load_page (bytes, "https://www.news.example/a/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->outlet, ==, "news.example");
  g_assert_cmpstr (article->url, ==, "https://www.news.example/a/1");
  g_assert_cmpstr (article->title, ==, "Sample without a site name");
}

static void
test_meta_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = load_html_string ("<html><head><title>Dated sample for Triptych</title></head><body>"
                              "<article><time datetime=\"2024-07-04\">4 July</time>"
                              "<p>The spokesman said on Thursday, in this sample written for "
                              "Triptych, that the talks would resume after the holiday.</p>"
                              "</article></body></html>", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->published, ==, "2024-07-04");
}

static void
test_sniffed_without_type (void)
{
  const char *html = "<!DOCTYPE html><html><body><p>A page saved as .txt by mistake, written "
                     "for Triptych: the markup must not reach the body.</p></body></html>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_source_load_bytes (bytes, "text/plain", NULL, NULL, TP_ORIGIN_FILE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (article->body, "<"));
  g_assert_true (g_str_has_prefix (article->body, "A page saved as .txt"));
}

static void
test_nav_only (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("nav-only.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_page (bytes, NULL, &error);

  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NO_TEXT);
  g_assert_null (article);
}

static void
test_empty_page (void)
{
  /* An empty page (or one of whitespace only) is an empty file, not one
   * libxml2 could not parse: saving it again would not help. */
  static const char * const pages[] = { "", " ", "\n\t\r\n  " };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (pages[i], strlen (pages[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(TpArticle) article = load_page (bytes, NULL, &error);

      g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_EMPTY);
      g_assert_null (article);
    }
}

static void
test_broken (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("broken.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = load_page (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Broken page written for Triptych");
  g_assert_nonnull (strstr (article->body, "Kremlin spokesman Dmitry Peskov said on Monday"));
  g_assert_nonnull (strstr (article->body, "Ukraine's foreign minister said"));
  g_assert_nonnull (strstr (article->body, "declined to comment & said"));
  g_assert_null (strstr (article->body, "<"));
}

static void
test_deep_nesting (void)
{
  const guint depth = 100000;
  GString *html = g_string_new ("<html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;
  gint64 start = g_get_monotonic_time ();

  g_string_append (html, "<p>A sample written for Triptych: the Kremlin said the talks would "
                         "continue, and Kyiv said it would wait for the proposals.</p>");
  for (guint i = 0; i < depth; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "deep text");
  for (guint i = 0; i < depth; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "</body></html>");
  bytes = g_string_free_to_bytes (html);

  /* A sensible article or a clear error, quickly, and no crash. */
  article = load_page (bytes, NULL, &error);
  g_test_message ("%u nested blocks read in %.2f s", depth,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (article == NULL)
    g_assert_true (error != NULL && error->domain == TP_INGEST_ERROR);
  else
    g_assert_nonnull (strstr (article->body, "the Kremlin said the talks would continue"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

static void
test_entities_not_loaded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  /* No external entity or DTD is fetched or expanded. */
  article = load_html_string ("<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                              "<html><body><p>Sample written for Triptych &xxe; with an "
                              "entity that must stay unexpanded, whatever the parser.</p>"
                              "</body></html>", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (article->body, "root:"));
}

static void
test_too_large (void)
{
  gsize len = TP_INGEST_MAX_HTML_BYTES + 1;
  char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  memset (data, ' ', len);
  memcpy (data, "<html><body><p>", 15);
  bytes = g_bytes_new_take (data, len);
  article = load_page (bytes, NULL, &error);
  g_assert_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE);
  g_assert_null (article);
}

/* Two JSON documents in one JSON-LD block, as a broken page may hold: the
 * first one's fields are read, the rest ignored. */
static void
test_json_ld_two_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = load_html_string (
    "<html><head><script type=\"application/ld+json\">"
    "{\"@type\": \"NewsArticle\", \"headline\": \"First headline {not a brace}\"}"
    "{\"@type\": \"NewsArticle\", \"headline\": \"Second headline\"}"
    "</script></head><body><article><p>This sample page was written for Triptych to "
    "test its reading of metadata. \u201cWe will keep talking,\u201d the spokesman said "
    "on Monday, according to the sample wire.</p></article></body></html>", &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (article->title, ==, "First headline {not a brace}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/html/news-page", test_news_page);
  g_test_add_func ("/ingest/html/json-ld-two-documents", test_json_ld_two_documents);
  g_test_add_func ("/ingest/html/vietnamese-page", test_vietnamese_page);
  g_test_add_func ("/ingest/html/outlet-from-domain", test_outlet_from_domain);
  g_test_add_func ("/ingest/html/time-element", test_meta_dates);
  g_test_add_func ("/ingest/html/sniffed", test_sniffed_without_type);
  g_test_add_func ("/ingest/html/bad/nav-only", test_nav_only);
  g_test_add_func ("/ingest/html/bad/empty", test_empty_page);
  g_test_add_func ("/ingest/html/bad/broken", test_broken);
  g_test_add_func ("/ingest/html/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/ingest/html/bad/entities", test_entities_not_loaded);
  g_test_add_func ("/ingest/html/bad/too-large", test_too_large);

  return g_test_run ();
}
