/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fetcher"

#include "config.h"

#include <string.h>

#include "tp-fetcher.h"
#include "web-test-server.h"

static WebTestServer *server;

/* Short limits so the slow cases finish quickly; the cap is the real one. */
#define TEST_CONNECT_S 2
#define TEST_TOTAL_S   4

/* Auxiliary methods */

static TpFetcher *
test_fetcher (void)
{
  return tp_fetcher_new_full (TEST_CONNECT_S, TEST_TOTAL_S, TP_FETCH_MAX_BYTES);
}

static TpFetchResult *
fetch_path (const char  *path,
            const char  *etag,
            GError     **error)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autofree char *url = web_test_server_url (server, path);

  return tp_fetcher_fetch_sync (fetcher, url, etag, NULL, NULL, error);
}

/* Tests */

static void
test_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = fetch_path ("/data/web/article.html", NULL, &error);
  g_autofree char *url = web_test_server_url (server, "/data/web/article.html");
  gsize len;
  const char *body;

  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_false (result->not_modified);
  g_assert_cmpstr (result->final_url, ==, url);
  g_assert_cmpstr (result->content_type, ==, "text/html");
  g_assert_cmpstr (result->charset, ==, "UTF-8");
  g_assert_nonnull (result->etag);
  g_assert_nonnull (result->last_modified);
  body = g_bytes_get_data (result->body, &len);
  g_assert_nonnull (g_strstr_len (body, len, "grain corridor"));
}

static void
test_request_headers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = fetch_path ("/echo-headers", NULL, &error);
  g_autofree char *expected = g_strdup_printf ("User-Agent: Triptych/%s\n", PACKAGE_VERSION);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (result->body, NULL), g_bytes_get_size (result->body));
  g_assert_true (g_str_has_prefix (text, expected));
  /* compressed answers are accepted (and decoded under the same size cap) */
  g_assert_nonnull (strstr (text, "gzip"));
  g_assert_nonnull (strstr (text, "deflate"));
}

static void
test_not_modified (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) first = fetch_path ("/data/feeds/sample-rss2.xml", NULL, &error);
  g_autoptr(TpFetchResult) second = NULL;
  g_autoptr(TpFetchResult) stale = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first->etag);

  second = fetch_path ("/data/feeds/sample-rss2.xml", first->etag, &error);
  g_assert_no_error (error);
  g_assert_true (second->not_modified);
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_null (second->body);

  /* Last-Modified alone makes a conditional request too */
  {
    g_autoptr(TpFetcher) fetcher = test_fetcher ();
    g_autofree char *url = web_test_server_url (server, "/data/feeds/sample-rss2.xml");
    g_autoptr(TpFetchResult) by_date = tp_fetcher_fetch_sync (fetcher, url, NULL, first->last_modified,
                                                               NULL, &error);
    g_assert_no_error (error);
    g_assert_true (by_date->not_modified);
  }

  stale = fetch_path ("/data/feeds/sample-rss2.xml", "\"outdated\"", &error);
  g_assert_no_error (error);
  g_assert_false (stale->not_modified);
  g_assert_nonnull (stale->body);
}

typedef struct
{
  const char *path;
  int         code;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "/status/404", TP_FETCH_ERROR_NOT_FOUND },
  { "/status/410", TP_FETCH_ERROR_NOT_FOUND },
  { "/status/500", TP_FETCH_ERROR_SERVER },
  { "/status/503", TP_FETCH_ERROR_SERVER },
  { "/status/403", TP_FETCH_ERROR_HTTP },
  { "/slow", TP_FETCH_ERROR_TIMEOUT },
  { "/redirect/6", TP_FETCH_ERROR_TOO_MANY_REDIRECTS },
  { "/loop/a", TP_FETCH_ERROR_REDIRECT_LOOP },
  { "/to-ftp", TP_FETCH_ERROR_INVALID_URL },
  { "/huge", TP_FETCH_ERROR_TOO_LARGE },
  { "/huge-chunked", TP_FETCH_ERROR_TOO_LARGE },
  { "/gzip-bomb", TP_FETCH_ERROR_TOO_LARGE },
  { "/charset/lie", TP_FETCH_ERROR_ENCODING },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  result = fetch_path (c->path, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TP_FETCH_ERROR, c->code);
  /* a message a journalist can read, naming the address */
  g_assert_nonnull (strstr (error->message, c->path));
  /* every case ends well within the total deadline plus slack */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (TEST_TOTAL_S + 2) * G_TIME_SPAN_SECOND);
}

static void
test_redirects_followed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = fetch_path ("/redirect/5", NULL, &error);
  g_autofree char *requested = web_test_server_url (server, "/redirect/5");

  g_assert_no_error (error);
  g_assert_cmpstr (result->url, ==, requested);
  g_assert_true (g_str_has_suffix (result->final_url, "/data/web/article.html"));
  g_assert_null (result->moved_to);
}

/* Which redirects say the address has moved for good. */
typedef struct
{
  const char *name;
  const char *path;
  const char *moved_to;   /* NULL: not moved for good */
} MoveCase;

static const MoveCase move_cases[] = {
  { "301", "/go/301/web/data/web/article.html", "/data/web/article.html" },
  { "308", "/go/308/web/data/web/article.html", "/data/web/article.html" },
  { "302", "/go/302/web/data/web/article.html", NULL },
  { "303", "/go/303/web/data/web/article.html", NULL },
  { "307", "/go/307/web/data/web/article.html", NULL },
  /* Permanent hops count up to the first temporary one. */
  { "301-308", "/go/301/go/308/web/data/web/article.html", "/data/web/article.html" },
  { "301-302", "/go/301/go/302/web/data/web/article.html", "/go/302/web/data/web/article.html" },
  { "302-301", "/go/302/go/301/web/data/web/article.html", NULL },
};

static void
test_moved (gconstpointer data)
{
  const MoveCase *c = data;
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = NULL;
  g_autofree char *url = web_test_server_url (server, c->path);
  g_autofree char *final_url = web_test_server_url (server, "/data/web/article.html");
  g_autofree char *moved_to = c->moved_to != NULL ? web_test_server_url (server, c->moved_to)
                                                  : NULL;

  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpstr (result->url, ==, url);
  g_assert_cmpstr (result->final_url, ==, final_url);
  g_assert_cmpstr (result->moved_to, ==, moved_to);
}

/* A page that moved and did not change since: 304 at the new address. */
static void
test_moved_not_modified (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) first = fetch_path ("/data/web/article.html", NULL, &error);
  g_autoptr(TpFetchResult) again = NULL;
  g_autofree char *url = web_test_server_url (server, "/go/301/web/data/web/article.html");
  g_autofree char *moved_to = web_test_server_url (server, "/data/web/article.html");

  g_assert_no_error (error);
  g_assert_null (first->moved_to);
  again = tp_fetcher_fetch_sync (fetcher, url, first->etag, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->not_modified);
  g_assert_null (again->body);
  g_assert_cmpstr (again->moved_to, ==, moved_to);
}

static void
test_not_web_urls (void)
{
  static const char *urls[] = { "file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)",
                                "data:text/html,hi", "not a url", "", "http://" };
  g_autoptr(TpFetcher) fetcher = test_fetcher ();

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TpFetchResult) result = tp_fetcher_fetch_sync (fetcher, urls[i], NULL, NULL, NULL, &error);

      g_assert_null (result);
      g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_INVALID_URL);
    }
}

static void
test_network_error (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = NULL;

  /* port 1 on loopback: nothing listens, the connection is refused */
  result = tp_fetcher_fetch_sync (fetcher, "http://127.0.0.1:1/", NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_NETWORK);
}

static void
test_tls_error (gconstpointer data)
{
  /* a TLS handshake takes longer than a plain connection on a busy machine */
  g_autoptr(TpFetcher) fetcher = tp_fetcher_new_full (10, 20, TP_FETCH_MAX_BYTES);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = NULL;
  g_autofree char *url = web_test_server_tls_url (server, "/data/web/article.html");

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()) || url == NULL)
    {
      g_test_skip ("no TLS backend (glib-networking) installed");
      return;
    }
  /* An untrusted certificate is reported as a TLS error, never accepted. */
  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_charset_meta (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = fetch_path ("/charset/meta-wins", NULL, &error);
  g_autofree char *text = NULL;
  gsize len;
  const char *body;

  g_assert_no_error (error);
  /* the header says UTF-8, but the bytes are not: the page's own <meta> wins */
  g_assert_cmpstr (result->charset, ==, "WINDOWS-1251");
  body = g_bytes_get_data (result->body, &len);
  text = g_convert (body, len, "UTF-8", result->charset, NULL, NULL, NULL);
  g_assert_nonnull (strstr (text, "Привет"));
}

static void
test_detect_charset (void)
{
  static const guint8 bom[] = { 0xEF, 0xBB, 0xBF, 'h', 'i' };
  static const guint8 utf16[] = { 0xFF, 0xFE, 'h', 0 };
  const char *utf8 = "Điện Kremlin";
  const char *latin1 = "Caf\xe9";
  const char *xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Caf\xe9</a>";
  g_autofree char *a = tp_fetcher_detect_charset (bom, sizeof bom, "iso-8859-2", NULL);
  g_autofree char *b = tp_fetcher_detect_charset (utf16, sizeof utf16, NULL, NULL);
  g_autofree char *c = tp_fetcher_detect_charset ((const guint8 *) utf8, strlen (utf8), "iso-8859-1", NULL);
  g_autofree char *d = tp_fetcher_detect_charset ((const guint8 *) latin1, strlen (latin1), NULL, NULL);
  g_autofree char *e = tp_fetcher_detect_charset ((const guint8 *) xml, strlen (xml), NULL, NULL);
  g_autofree char *f = tp_fetcher_detect_charset ((const guint8 *) "plain", 5, "koi8-r", NULL);

  g_assert_cmpstr (a, ==, "UTF-8");
  g_assert_cmpstr (b, ==, "UTF-16LE");
  g_assert_cmpstr (c, ==, "UTF-8");
  g_assert_cmpstr (d, ==, "WINDOWS-1252");
  g_assert_cmpstr (e, ==, "WINDOWS-1252");
  g_assert_cmpstr (f, ==, "KOI8-R");
}

static void
test_cancelled (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFetchResult) result = NULL;
  g_autofree char *url = web_test_server_url (server, "/data/web/article.html");

  g_cancellable_cancel (cancellable);
  result = tp_fetcher_fetch_sync (fetcher, url, NULL, NULL, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop     *loop;
  TpFetchResult *result;
  GError        *error;
  guint          ticks;
} AsyncState;

static gboolean
on_tick_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  state->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = tp_fetcher_fetch_finish (TP_FETCHER (source), res, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async_main_loop_free (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autofree char *url = web_test_server_url (server, "/slow");
  AsyncState state = { 0 };
  guint tick;

  /* While a request hangs, the main loop keeps dispatching other sources. */
  state.loop = g_main_loop_new (NULL, FALSE);
  tick = g_timeout_add (50, on_tick_cb, &state);
  tp_fetcher_fetch_async (fetcher, url, NULL, NULL, NULL, on_fetched_cb, &state);
  g_main_loop_run (state.loop);
  g_source_remove (tick);

  g_assert_null (state.result);
  g_assert_error (state.error, TP_FETCH_ERROR, TP_FETCH_ERROR_TIMEOUT);
  g_assert_cmpuint (state.ticks, >=, 5);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

static void
test_async_cancel (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = web_test_server_url (server, "/slow");
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  tp_fetcher_fetch_async (fetcher, url, NULL, NULL, cancellable, on_fetched_cb, &state);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (state.loop);

  g_assert_error (state.error, TP_FETCH_ERROR, TP_FETCH_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

static void
test_article (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autofree char *url = web_test_server_url (server, "/redirect/1");
  g_autofree char *final = web_test_server_url (server, "/data/web/article.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_fetcher_fetch_article_sync (fetcher, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (article->origin, ==, TP_ORIGIN_URL);
  /* the address it was found at, not the one that redirected */
  g_assert_cmpstr (article->url, ==, final);
  g_assert_nonnull (strstr (article->body, "grain corridor"));
}

static void
test_article_errors_store_nothing (void)
{
  g_autoptr(TpFetcher) fetcher = test_fetcher ();
  g_autofree char *url = web_test_server_url (server, "/huge-chunked");
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_fetcher_fetch_article_sync (fetcher, url, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, TP_FETCH_ERROR, TP_FETCH_ERROR_TOO_LARGE);
}

static void
test_default_shared (void)
{
  g_assert_true (tp_fetcher_get_default () == tp_fetcher_get_default ());
  g_assert_cmpuint (tp_fetcher_get_total_timeout (tp_fetcher_get_default ()), ==, 60);
  g_assert_cmpuint (tp_fetcher_get_max_bytes (tp_fetcher_get_default ()), ==, 10 * 1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetcher/ok", test_ok);
  g_test_add_func ("/fetcher/not-modified", test_not_modified);
  g_test_add_func ("/fetcher/request-headers", test_request_headers);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/fetcher/error%s", error_cases[i].path);
      g_test_add_data_func (name, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/fetcher/redirects-followed", test_redirects_followed);
  for (guint i = 0; i < G_N_ELEMENTS (move_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/fetcher/moved/%s", move_cases[i].name);
      g_test_add_data_func (name, &move_cases[i], test_moved);
    }
  g_test_add_func ("/fetcher/moved/not-modified", test_moved_not_modified);
  g_test_add_func ("/fetcher/not-web-urls", test_not_web_urls);
  g_test_add_func ("/fetcher/network-error", test_network_error);
  g_test_add_data_func ("/fetcher/tls-error", NULL, test_tls_error);
  g_test_add_func ("/fetcher/charset/meta-wins", test_charset_meta);
  g_test_add_func ("/fetcher/charset/detect", test_detect_charset);
  g_test_add_func ("/fetcher/cancelled", test_cancelled);
  g_test_add_func ("/fetcher/async/main-loop-free", test_async_main_loop_free);
  g_test_add_func ("/fetcher/async/cancel", test_async_cancel);
  g_test_add_func ("/fetcher/article", test_article);
  g_test_add_func ("/fetcher/article-error", test_article_errors_store_nothing);
  g_test_add_func ("/fetcher/default", test_default_shared);

  server = web_test_server_new ();
  ret = g_test_run ();
  web_test_server_free (server);
  return ret;
}
