/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-feeds"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tp-feed-date.h"
#include "tp-feed-parser.h"
#include "tp-fetcher.h"
#include "web-test-server.h"

static WebTestServer *server;

/* Auxiliary methods */

static TpFeedDocument *
parse_fixture (const char  *name,
               const char  *base_url,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return tp_feed_parse ((const guint8 *) contents, len, base_url, NULL, error);
}

static TpFeedEntry *
entry (TpFeedDocument *doc,
       guint           i)
{
  g_assert_cmpuint (i, <, doc->entries->len);
  return g_ptr_array_index (doc->entries, i);
}

/* Dates */

typedef struct
{
  const char *input;
  const char *expected;
} DateCase;

static const DateCase date_cases[] = {
  { "Tue, 04 Mar 2025 09:30:00 GMT", "2025-03-04T09:30:00Z" },
  { "0999-01-01", "0999-01-01T00:00:00Z" },                           /* four digits, always */
  { "Tue, 04 Mar 2025 09:30:00 +0200", "2025-03-04T07:30:00Z" },
  { "Tue, 04 Mar 2025 09:15 EST", "2025-03-04T14:15:00Z" },            /* no seconds, named zone */
  { "4 Mar 2025 09:15:00 UT", "2025-03-04T09:15:00Z" },                /* no day name, UT */
  { "3 Mar 25 18:00 +0200", "2025-03-03T16:00:00Z" },                  /* two-digit year */
  { "Mon, 3 Mar 99 18:00:00 PST", "1999-03-04T02:00:00Z" },
  { "Sun, 2 Mar 2025 08:00:00", "2025-03-02T08:00:00Z" },              /* no zone at all */
  { "2025-03-04T09:30:00Z", "2025-03-04T09:30:00Z" },
  { "2025-03-04T09:30:00.250+03:00", "2025-03-04T06:30:00.250Z" },
  { "2025-03-04T09:30", "2025-03-04T09:30:00Z" },                      /* ISO, no zone */
  { "2025-03-04 09:30:00", "2025-03-04T09:30:00Z" },
  { "2025-03-04", "2025-03-04T00:00:00Z" },
  { "Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33Z" },
  { "March 4, 2025 9:30 am CET", "2025-03-04T08:30:00Z" },
  { "Tuesday, 04-Mar-2025 09:30:00 GMT", "2025-03-04T09:30:00Z" },
  { "Tue, 04 Mar 2025 09:30:00 -05:00", "2025-03-04T14:30:00Z" },
  { "Tue, 04 Sept. 2025 09:30:00 GMT", "2025-09-04T09:30:00Z" },
  { "not a date", NULL },
  { "", NULL },
  { "Tue, 31 Feb 2025 10:00:00 GMT", NULL },
};

static void
test_date (gconstpointer data)
{
  const DateCase *c = data;
  g_autofree char *got = tp_feed_date_normalize (c->input);

  g_assert_cmpstr (got, ==, c->expected);
}

/* Formats */

static void
test_rss2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("sample-rss2.xml", "https://news.example.org/world/rss.xml", &error);
  TpFeedEntry *e;

  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, TP_FEED_FORMAT_RSS_2_0);
  g_assert_cmpstr (doc->title, ==, "Sample World News");
  g_assert_cmpstr (doc->link, ==, "https://news.example.org/world/");
  g_assert_cmpstr (doc->language, ==, "en-GB");
  g_assert_cmpstr (doc->updated, ==, "2025-03-04T09:30:00Z");
  g_assert_cmpuint (doc->entries->len, ==, 3);

  e = entry (doc, 0);
  g_assert_cmpstr (e->id, ==, "sample-rss2-1");
  /* relative link resolved against the feed's address */
  g_assert_cmpstr (e->link, ==, "https://news.example.org/world/2025/03/04/peskov-talks");
  g_assert_cmpstr (e->author, ==, "Jane Sample");
  g_assert_cmpstr (e->published, ==, "2025-03-04T14:15:00Z");
  /* markup reduced to text: no tags, no script, entities decoded */
  g_assert_cmpstr (e->summary, ==, "Kremlin spokesman Dmitry Peskov said talks could resume.\n"
                                   "Second paragraph & more.");
  g_assert_cmpstr (e->content, ==, "Full text of the sample item.\nIt has two paragraphs.");

  e = entry (doc, 1);
  g_assert_cmpstr (e->author, ==, "Desk Editor");
  g_assert_cmpstr (e->published, ==, "2025-03-03T16:00:00Z");
  g_assert_cmpstr (e->summary, ==, "Plain text summary with no markup.");
  g_assert_null (e->content);
  /* no guid: the link stands in as the id */
  g_assert_cmpstr (e->id, ==, e->link);

  e = entry (doc, 2);
  g_assert_cmpstr (e->link, ==, "https://news.example.org/world/2025/03/02/guid-only");
}

static void
test_rss1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("sample-rss1.rdf", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, TP_FEED_FORMAT_RSS_1_0);
  g_assert_cmpstr (doc->title, ==, "Sample RDF Channel");
  g_assert_cmpstr (doc->language, ==, "vi");
  g_assert_cmpstr (doc->updated, ==, "2025-03-04T01:00:00Z");
  g_assert_cmpuint (doc->entries->len, ==, 2);
  g_assert_cmpstr (entry (doc, 0)->title, ==, "Mẫu: Điện Kremlin bình luận");
  g_assert_cmpstr (entry (doc, 0)->author, ==, "Phóng viên Mẫu");
  g_assert_cmpstr (entry (doc, 0)->published, ==, "2025-03-04T00:45:00Z");
  g_assert_cmpstr (entry (doc, 1)->link, ==, "https://rdf.example.org/a2");
  g_assert_cmpstr (entry (doc, 1)->published, ==, "2025-03-03T00:00:00Z");
}

static void
test_rss091 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("sample-rss091.xml", NULL, &error);

  /* The DOCTYPE names an external DTD; it is not fetched, and no entity is
   * declared, so the feed reads normally. */
  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, TP_FEED_FORMAT_RSS_0_9);
  g_assert_cmpstr (doc->title, ==, "Sample Old Format");
  g_assert_cmpuint (doc->entries->len, ==, 1);
  g_assert_cmpstr (entry (doc, 0)->link, ==, "http://old.example.org/item1");
}

static void
test_atom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("sample-atom.xml", "https://atom.example.org/news/feed.atom", &error);
  TpFeedEntry *e;

  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, TP_FEED_FORMAT_ATOM);
  g_assert_cmpstr (doc->title, ==, "Sample Atom Desk");
  g_assert_cmpstr (doc->language, ==, "uk");
  g_assert_cmpstr (doc->link, ==, "https://atom.example.org/news/");
  g_assert_cmpuint (doc->entries->len, ==, 2);

  e = entry (doc, 0);
  g_assert_cmpstr (e->title, ==, "Sample: Zelensky meets envoys");
  /* xml:base on the feed and on the entry both apply; the enclosure is not the link */
  g_assert_cmpstr (e->link, ==, "https://atom.example.org/news/2025/03/zelensky-envoys");
  g_assert_cmpstr (e->published, ==, "2025-03-04T07:00:00Z");
  g_assert_cmpstr (e->updated, ==, "2025-03-04T07:30:00Z");
  g_assert_cmpstr (e->author, ==, "Sample Desk");
  g_assert_cmpstr (e->summary, ==, "President met envoys & said more.");
  g_assert_cmpstr (e->content, ==, "First paragraph.\nSecond paragraph.");

  e = entry (doc, 1);
  g_assert_cmpstr (e->author, ==, "Other Author");
  g_assert_null (e->published);
  g_assert_cmpstr (e->updated, ==, "2025-03-03T12:00:00Z");
  g_assert_cmpstr (e->content, ==, "Plain content.");
}

static void
test_json_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("sample-feed11.json", NULL, &error);
  g_autoptr(TpFeedDocument) doc10 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, TP_FEED_FORMAT_JSON);
  g_assert_cmpstr (doc->title, ==, "Sample JSON Desk");
  g_assert_cmpstr (doc->language, ==, "ru");
  g_assert_cmpuint (doc->entries->len, ==, 2);
  /* without a fetch address, feed_url is the base */
  g_assert_cmpstr (entry (doc, 0)->link, ==, "https://json.example.org/articles/1");
  g_assert_cmpstr (entry (doc, 0)->content, ==, "Лавров заявил, что переговоры возможны.");
  g_assert_cmpstr (entry (doc, 0)->author, ==, "Item Author");
  g_assert_cmpstr (entry (doc, 0)->published, ==, "2025-03-04T08:00:00Z");
  g_assert_cmpstr (entry (doc, 0)->updated, ==, "2025-03-04T09:00:00Z");
  g_assert_cmpstr (entry (doc, 1)->id, ==, "2");
  g_assert_cmpstr (entry (doc, 1)->link, ==, "https://elsewhere.example.org/2");
  g_assert_cmpstr (entry (doc, 1)->author, ==, "Sample Feed Author");
  g_assert_cmpstr (entry (doc, 1)->content, ==, "Text-only item.");

  doc10 = parse_fixture ("sample-feed10.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry (doc10, 0)->author, ==, "Single Author");
  g_assert_cmpstr (entry (doc10, 0)->published, ==, "2025-03-01T13:00:00Z");
}

static void
test_latin1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("latin1.xml", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (doc->title, ==, "Café Sample");
  g_assert_cmpstr (entry (doc, 0)->title, ==, "Naïve résumé");
}

static void
test_broken_recovered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture ("broken.xml", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (doc->entries->len, ==, 1);
  g_assert_cmpstr (entry (doc, 0)->title, ==, "Still readable");
}

/* Refusals */

typedef struct
{
  const char *name;
  int         code;
} RefusalCase;

static const RefusalCase refusals[] = {
  { "xxe.xml", TP_FEED_ERROR_UNSAFE },
  { "xxe-parameter.xml", TP_FEED_ERROR_UNSAFE },
  { "billion-laughs.xml", TP_FEED_ERROR_UNSAFE },
  { "not-a-feed.xml", TP_FEED_ERROR_NOT_A_FEED },
};

static void
test_refused (gconstpointer data)
{
  const RefusalCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = parse_fixture (c->name, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, TP_FEED_ERROR, c->code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_garbage (void)
{
  static const char *inputs[] = { "", "   \n", "{\"not\": \"a feed\"}", "{broken json", "<<<>>>",
                                  "plain words", "<\xff\n>\n", "<\xff\xfe/>", "{\"\xff\": 1" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TpFeedDocument) doc = tp_feed_parse ((const guint8 *) inputs[i], strlen (inputs[i]),
                                                     NULL, NULL, &error);
      g_assert_null (doc);
      g_assert_true (error != NULL && error->domain == TP_FEED_ERROR);
      /* Shown as it is: libxml2 and json-glib quote the document's bytes. */
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_json_not_a_feed (void)
{
  /* JSON that parses but is no JSON Feed object: an array is JSON too, not
   * XML that failed to parse. */
  static const char *inputs[] = {
    "[1, 2, 3]", "  [{\"version\": \"https://jsonfeed.org/version/1.1\"}]", "[]", "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TpFeedDocument) doc = tp_feed_parse ((const guint8 *) inputs[i], strlen (inputs[i]),
                                                     NULL, NULL, &error);
      g_assert_null (doc);
      g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_NOT_A_FEED);
    }
}

static void
test_json_two_documents (void)
{
  /* A JSON Feed followed by a second document is not one JSON document:
   * refused as malformed (json-glib 1.6 would take the second and leak the
   * first). White space after the feed is fine. */
  static const char two[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"A\", \"items\": []}"
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"B\", \"items\": []}";
  static const char one[] =
    "\xEF\xBB\xBF {\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"A }{\\\" ]\", "
    "\"items\": []}\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;

  doc = tp_feed_parse ((const guint8 *) two, strlen (two), NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_MALFORMED);
  g_clear_error (&error);

  doc = tp_feed_parse ((const guint8 *) one, strlen (one), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpstr (doc->title, ==, "A }{\" ]");
}

static void
test_invalid_utf8_recovered (void)
{
  /* libxml2's recovery passes bytes that are not UTF-8 through into
   * attributes and text; the entry's strings are UTF-8 all the same. */
  static const char xml[] =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
    "<entry><title>Peskov said</title><link href=\"\xd2\xd1x\"/><id>1</id></entry></feed>";
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = tp_feed_parse ((const guint8 *) xml, strlen (xml),
                                                 "https://news.example.org/feed", NULL, &error);
  TpFeedEntry *entry;

  if (doc == NULL)
    {
      /* Refusing the document is as good as long as it says why. */
      g_assert_true (error != NULL && error->domain == TP_FEED_ERROR);
      return;
    }
  g_assert_cmpuint (doc->entries->len, ==, 1);
  entry = g_ptr_array_index (doc->entries, 0);
  g_assert_nonnull (entry->link);
  g_assert_true (g_utf8_validate (entry->link, -1, NULL));
  g_assert_cmpstr (entry->title, ==, "Peskov said");
}

static void
test_too_deep (void)
{
  g_autoptr(GString) xml = g_string_new ("<rss version=\"2.0\"><channel><title>Deep</title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;

  /* far past libxml2's default depth limit, which XML_PARSE_HUGE would lift */
  for (guint i = 0; i < 5000; i++)
    g_string_append (xml, "<d>");
  for (guint i = 0; i < 5000; i++)
    g_string_append (xml, "</d>");
  g_string_append (xml, "</channel></rss>");

  doc = tp_feed_parse ((const guint8 *) xml->str, xml->len, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_TOO_LARGE);
}

static void
test_html_to_text (void)
{
  g_autofree char *a = tp_feed_html_to_text ("<p>One<br>Two</p><ul><li>x</li><li>y</li></ul>");
  g_autofree char *b = tp_feed_html_to_text ("<img src=x onerror=alert(1)>Safe<iframe "
                                             "src=//e></iframe>");
  g_autofree char *c = tp_feed_html_to_text ("AT&amp;T &lt;b&gt; &#8220;quoted&#8221;");
  g_autofree char *d = tp_feed_html_to_text ("<script>only()</script>");

  g_assert_cmpstr (a, ==, "One\nTwo\nx\ny");
  g_assert_cmpstr (b, ==, "Safe");
  g_assert_cmpstr (c, ==, "AT&T <b> “quoted”");
  g_assert_null (d);
}

static void
test_resolve_url (void)
{
  g_autofree char *a = tp_feed_resolve_url ("https://a.example.org/x/feed", "../y");
  g_autofree char *b = tp_feed_resolve_url (NULL, "/relative");
  g_autofree char *c = tp_feed_resolve_url ("https://a.example.org/", "javascript:alert(1)");
  g_autofree char *d = tp_feed_resolve_url (NULL, "HTTP://Example.ORG/Path");
  /* A host-less base and dot segments would give a path starting "//",
   * which GLib cannot write out: the link is kept as written. */
  g_autofree char *e = tp_feed_resolve_url ("http:/x/", "..//a");

  g_assert_cmpstr (a, ==, "https://a.example.org/y");
  g_assert_cmpstr (b, ==, "/relative");
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "http://example.org/Path");
  g_assert_cmpstr (e, ==, "..//a");
}

/* Over HTTP: fetch then parse, as the monitor does */

static void
test_fetch_and_parse (void)
{
  g_autoptr(TpFetcher) fetcher = tp_fetcher_new_full (2, 5, 1024 * 1024);
  g_autofree char *url = web_test_server_url (server, "/data/feeds/sample-atom.xml");
  g_autoptr(TpFetchResult) result = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  doc = tp_feed_parse_bytes (result->body, result->final_url, result->charset, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doc->entries->len, ==, 2);
}

static void
test_fetch_wrong_charset (void)
{
  g_autoptr(TpFetcher) fetcher = tp_fetcher_new_full (2, 5, 1024 * 1024);
  g_autofree char *url = web_test_server_url (server, "/charset/feed-lie");
  g_autoptr(TpFetchResult) result = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* the header claims UTF-8; the bytes and the XML declaration say Latin-1 */
  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->charset, ==, "WINDOWS-1252");
  doc = tp_feed_parse_bytes (result->body, result->final_url, result->charset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->title, ==, "Café Sample");
  g_assert_cmpstr (entry (doc, 0)->title, ==, "Naïve résumé");
}

static void
test_fetch_unsafe (void)
{
  g_autoptr(TpFetcher) fetcher = tp_fetcher_new_full (2, 5, 1024 * 1024);
  g_autofree char *url = web_test_server_url (server, "/data/feeds/billion-laughs.xml");
  g_autoptr(TpFetchResult) result = NULL;
  g_autoptr(TpFeedDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  doc = tp_feed_parse_bytes (result->body, result->final_url, result->charset, &error);
  g_assert_null (doc);
  g_assert_error (error, TP_FEED_ERROR, TP_FEED_ERROR_UNSAFE);
}

/* The command line, end to end */

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
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, cli_path ());
  if (db != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--db"));
      g_ptr_array_add (args, g_strdup (db));
    }
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_cli_parse (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *url = web_test_server_url (server, "/data/feeds/sample-atom.xml");
  g_autofree char *xxe = g_test_build_filename (G_TEST_DIST, "data", "feeds", "xxe.xml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *first;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("triptych-cli is not built");
      return;
    }

  g_assert_cmpint (run_cli (NULL, &out, &err, "feeds", "parse", "--format", "json", url, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Sample Atom Desk");
  g_assert_cmpstr (json_object_get_string_member (root, "language"), ==, "uk");
  g_assert_true (json_object_has_member (root, "updated"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "entries")), ==, 2);
  first = json_array_get_object_element (json_object_get_array_member (root, "entries"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "link"), ==,
                   "https://atom.example.org/news/2025/03/zelensky-envoys");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2025-03-04T07:00:00Z");
  for (guint i = 0; i < 8; i++)
    {
      static const char *members[] = { "id", "title", "link", "author", "published", "updated",
                                       "summary", "content" };
      g_assert_true (json_object_has_member (first, members[i]));
    }

  /* refused with one clear line, nothing on stdout */
  g_assert_cmpint (run_cli (NULL, &out2, &err2, "feeds", "parse", "--format", "json", xxe, NULL), !=, 0);
  g_assert_cmpstr (out2, ==, "");
  g_assert_nonnull (strstr (err2, "entity"));
  g_assert_cmpint (strchr (err2, '\n') - err2, ==, strlen (err2) - 1);
}

static void
test_cli_subscriptions (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *dir = g_dir_make_tmp ("triptych-cli-feeds-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *opml = g_build_filename (dir, "out.opml", NULL);
  g_autofree char *url = web_test_server_url (server, "/feed/cli");
  g_autofree char *bad = web_test_server_url (server, "/status/404");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("triptych-cli is not built");
      return;
    }

#define RUN(expect, ...) \
  G_STMT_START { \
    g_clear_pointer (&out, g_free); \
    g_clear_pointer (&err, g_free); \
    g_assert_cmpint (run_cli (db, &out, &err, __VA_ARGS__, NULL), ==, expect); \
  } G_STMT_END

  RUN (0, "feeds", "add", url);
  g_assert_nonnull (strstr (out, "Sample feed cli"));
  /* a dead address is refused before anything is subscribed */
  RUN (1, "feeds", "add", bad);
  g_assert_nonnull (strstr (err, "404"));
  RUN (0, "feeds", "list");
  g_assert_nonnull (strstr (out, url));
  g_assert_null (strstr (out, bad));

  RUN (0, "feeds", "refresh");
  g_assert_nonnull (strstr (out, "5 new articles"));
  RUN (0, "feeds", "refresh");
  g_assert_nonnull (strstr (out, "1 unchanged"));
  g_assert_nonnull (strstr (out, "0 new articles"));

  RUN (0, "feeds", "export-opml", opml);
  RUN (0, "feeds", "remove", url);
  RUN (0, "feeds", "list");
  g_assert_cmpstr (out, ==, "");
  RUN (0, "feeds", "import-opml", opml);
  g_assert_nonnull (strstr (out, "1 feeds added"));
  RUN (0, "feeds", "list");
  g_assert_nonnull (strstr (out, url));
  RUN (1, "feeds", "remove", "999");

#undef RUN

  {
    static const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db, suffixes[i], NULL);
        g_unlink (p);
      }
    g_unlink (opml);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/feeds/date/%u", i);
      g_test_add_data_func (name, &date_cases[i], test_date);
    }
  g_test_add_func ("/feeds/parse/rss2", test_rss2);
  g_test_add_func ("/feeds/parse/rss1", test_rss1);
  g_test_add_func ("/feeds/parse/rss091", test_rss091);
  g_test_add_func ("/feeds/parse/atom", test_atom);
  g_test_add_func ("/feeds/parse/json", test_json_feed);
  g_test_add_func ("/feeds/parse/latin1", test_latin1);
  g_test_add_func ("/feeds/parse/broken-recovered", test_broken_recovered);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strdup_printf ("/feeds/refuse/%s", refusals[i].name);
      g_test_add_data_func (name, &refusals[i], test_refused);
    }
  g_test_add_func ("/feeds/refuse/garbage", test_garbage);
  g_test_add_func ("/feeds/refuse/json-not-a-feed", test_json_not_a_feed);
  g_test_add_func ("/feeds/refuse/json-two-documents", test_json_two_documents);
  g_test_add_func ("/feeds/parse/invalid-utf8-recovered", test_invalid_utf8_recovered);
  g_test_add_func ("/feeds/refuse/too-deep", test_too_deep);
  g_test_add_func ("/feeds/text/html-to-text", test_html_to_text);
  g_test_add_func ("/feeds/text/resolve-url", test_resolve_url);
  g_test_add_func ("/feeds/http/fetch-and-parse", test_fetch_and_parse);
  g_test_add_func ("/feeds/http/unsafe", test_fetch_unsafe);
  g_test_add_func ("/feeds/http/wrong-charset", test_fetch_wrong_charset);
  g_test_add_func ("/feeds/cli/parse", test_cli_parse);
  g_test_add_func ("/feeds/cli/subscriptions", test_cli_subscriptions);

  server = web_test_server_new ();
  ret = g_test_run ();
  web_test_server_free (server);
  return ret;
}
