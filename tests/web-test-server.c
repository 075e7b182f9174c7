/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "web-test-server"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "web-test-server.h"

#define HUGE_BYTES (50 * 1024 * 1024)
#define BOMB_BYTES (64 * 1024 * 1024)
#define STREAM_CHUNK (256 * 1024)

struct _WebTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupServer   *tls_server;
  char         *base;
  char         *tls_base;
  char         *data_dir;
  GMutex        lock;
  GCond         ready;
  GHashTable   *hits;          /* path → count */
  guint         mutable_items;
  gboolean      flaky;
  guint         delay_ms;
  guint         in_flight;
  guint         max_in_flight;
  GBytes       *bomb;
};

typedef struct
{
  WebTestServer     *self;
  SoupServerMessage *msg;
} Delayed;

/* Auxiliary methods */

static void
on_finished_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  WebTestServer *self = user_data;

  g_mutex_lock (&self->lock);
  self->in_flight--;
  g_mutex_unlock (&self->lock);
}

static void
set_body (SoupServerMessage *msg,
          guint              status,
          const char        *content_type,
          const char        *body,
          gsize              len)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, len);
}

static const char *
type_for (const char *path)
{
  if (g_str_has_suffix (path, ".html"))
    return "text/html";
  if (g_str_has_suffix (path, ".json"))
    return "application/feed+json";
  if (g_str_has_suffix (path, ".opml"))
    return "text/x-opml";
  if (g_str_has_suffix (path, ".atom"))
    return "application/atom+xml";
  return "application/xml";
}

static void
serve_file (WebTestServer     *self,
            SoupServerMessage *msg,
            const char        *rel)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *sum = NULL;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *inm;
  const char *ims;
  gsize len;

  if (strstr (rel, "..") != NULL)
    {
      set_body (msg, 403, "text/plain", "", 0);
      return;
    }
  path = g_build_filename (self->data_dir, rel, NULL);
  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      set_body (msg, 404, "text/plain", "not here", 8);
      return;
    }
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *) contents, len);
  etag = g_strdup_printf ("\"%s\"", sum);
  soup_message_headers_replace (resp, "ETag", etag);
  soup_message_headers_replace (resp, "Last-Modified", "Sat, 01 Mar 2025 10:00:00 GMT");
  inm = soup_message_headers_get_one (req, "If-None-Match");
  ims = soup_message_headers_get_one (req, "If-Modified-Since");
  if ((inm != NULL && g_str_equal (inm, etag)) ||
      (inm == NULL && ims != NULL && g_str_equal (ims, "Sat, 01 Mar 2025 10:00:00 GMT")))
    {
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  set_body (msg, 200, type_for (rel), contents, len);
}

static void
on_wrote_chunk_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  gsize *sent = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (*sent >= HUGE_BYTES)
    {
      soup_message_body_complete (body);
      return;
    }
  {
    g_autofree char *chunk = g_malloc (STREAM_CHUNK);
    memset (chunk, 'x', STREAM_CHUNK);
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, STREAM_CHUNK);
    *sent += STREAM_CHUNK;
  }
}

static void
serve_stream (SoupServerMessage *msg,
              gboolean           announce_length)
{
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize *sent = g_new0 (gsize, 1);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (resp, "text/html", NULL);
  if (announce_length)
    soup_message_headers_set_content_length (resp, HUGE_BYTES);
  else
    soup_message_headers_set_encoding (resp, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  g_object_set_data_full (G_OBJECT (msg), "sent", sent, g_free);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk_cb), sent);
  on_wrote_chunk_cb (msg, sent);
}

static GBytes *
make_bomb (void)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *zeros = g_malloc0 (STREAM_CHUNK);
  char buffer[64 * 1024];
  gsize fed = 0;
  gboolean done = FALSE;

  while (!done)
    {
      gsize remaining = BOMB_BYTES - fed;
      gsize in_len = MIN (remaining, STREAM_CHUNK);
      GConverterFlags flags = remaining <= STREAM_CHUNK ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS;
      gsize read = 0, written = 0;
      GConverterResult r;

      r = g_converter_convert (G_CONVERTER (compressor), zeros, in_len, buffer, sizeof buffer,
                               flags, &read, &written, NULL);
      g_assert (r != G_CONVERTER_ERROR);
      g_byte_array_append (out, (const guint8 *) buffer, written);
      fed += read;
      done = r == G_CONVERTER_FINISHED;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
generated_feed_full (WebTestServer *self,
                     const char    *name,
                     guint          n_items,
                     gboolean       with_content)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<!-- Sample feed generated by Triptych's tests. -->\n"
                             "<rss version=\"2.0\" "
                             "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>");

  g_string_append_printf (s, "<title>Sample feed %s</title><link>%s/</link><language>en</language>",
                          name, self->base);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (s,
                            "<item><title>Sample item %s-%u</title>"
                            "<link>%s/page/%s/%u</link><guid>%s/page/%s/%u</guid>"
                            "<pubDate>Mon, 0%u Jun 2025 10:00:00 +0000</pubDate>"
                            "<description>&lt;p&gt;Sample summary %s-%u: the spokesman said "
                            "talks would continue.&lt;/p&gt;</description>%s</item>",
                            name, i, self->base, name, i, self->base, name, i, 1 + i % 9, name, i,
                            with_content ? "<content:encoded>&lt;p&gt;The whole text is in the "
                                           "feed: the minister said the talks were over.&lt;/p&gt;"
                                           "</content:encoded>" : "");
  g_string_append (s, "</channel></rss>\n");
  return g_string_free (s, FALSE);
}

static char *
generated_feed (WebTestServer *self,
                const char    *name,
                guint          n_items)
{
  return generated_feed_full (self, name, n_items, FALSE);
}

static char *
generated_page (const char *feed,
                const char *item)
{
  return g_strdup_printf ("<!DOCTYPE html>\n<!-- Sample page generated by Triptych's tests. -->\n"
                          "<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>Sample article %s-%s</title></head><body>"
                          "<nav><a href=\"/\">Home</a></nav><article><h1>Sample article %s-%s</h1>"
                          "<p>This is the full text of sample article %s-%s, written for the "
                          "tests. "
                          "“We are ready to talk,” the spokesman said on Monday.</p>"
                          "<p>A second paragraph keeps the article long enough to be an article "
                          "and not a fragment of navigation or a caption.</p></article>"
                          "</body></html>\n", feed, item, feed, item, feed, item);
}

/* /go/<code>/<rest>: a redirect with that status to /<rest>, so tests can
 * chain any mix of permanent and temporary moves. A <rest> of web/<path> is
 * sent as the absolute address of /<path>, so both forms of Location are
 * exercised. */
static void
serve_go (WebTestServer     *self,
          SoupServerMessage *msg,
          const char        *path)
{
  g_autofree char *location = NULL;
  char *end = NULL;
  guint code;

  code = (guint) strtoul (path + strlen ("/go/"), &end, 10);
  if (end == NULL || *end != '/')
    {
      set_body (msg, 400, "text/plain", "bad redirect", 12);
      return;
    }
  if (g_str_has_prefix (end, "/web/"))
    location = g_strconcat (self->base, end + strlen ("/web"), NULL);
  else
    location = g_strdup (end);
  soup_server_message_set_redirect (msg, code, location);
}

static void
handle (WebTestServer     *self,
        SoupServerMessage *msg,
        const char        *path)
{
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);

  if (g_str_has_prefix (path, "/data/"))
    serve_file (self, msg, path + strlen ("/data/"));
  else if (g_str_has_prefix (path, "/status/"))
    {
      guint code = (guint) atoi (path + strlen ("/status/"));
      set_body (msg, code, "text/plain", "status", 6);
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      int n = atoi (path + strlen ("/redirect/"));
      g_autofree char *next = n > 1 ? g_strdup_printf ("/redirect/%d", n - 1)
                                    : g_strdup ("/data/web/article.html");
      soup_server_message_set_redirect (msg, 302, next);
    }
  else if (g_str_has_prefix (path, "/go/"))
    serve_go (self, msg, path);
  else if (g_str_equal (path, "/loop/a"))
    soup_server_message_set_redirect (msg, 301, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    soup_server_message_set_redirect (msg, 301, "/loop/a");
  else if (g_str_equal (path, "/to-ftp"))
    soup_server_message_set_redirect (msg, 302, "ftp://127.0.0.1/file.html");
  else if (g_str_equal (path, "/huge"))
    serve_stream (msg, TRUE);
  else if (g_str_equal (path, "/huge-chunked"))
    serve_stream (msg, FALSE);
  else if (g_str_equal (path, "/gzip-bomb"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_replace (resp, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (self->bomb, NULL),
                                        g_bytes_get_size (self->bomb));
    }
  else if (g_str_equal (path, "/charset/meta-wins"))
    {
      /* "Привет" in windows-1251, declared in <meta>, while the header lies. */
      static const char page[] =
        "<html><head><meta charset=\"windows-1251\"><title>Sample</title></head>"
        "<body><p>\xcf\xf0\xe8\xe2\xe5\xf2, sample page.</p></body></html>";
      set_body (msg, 200, "text/html; charset=utf-8", page, strlen (page));
    }
  else if (g_str_equal (path, "/charset/feed-lie"))
    {
      /* A Latin-1 feed that says so in its XML declaration, served as UTF-8. */
      g_autofree char *file = g_build_filename (self->data_dir, "feeds", "latin1.xml", NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_file_get_contents (file, &contents, &len, NULL);
      set_body (msg, 200, "application/rss+xml; charset=utf-8", contents, len);
    }
  else if (g_str_equal (path, "/charset/lie"))
    {
      static const char page[] = "<html><body><p>Caf\xe9 sample, na\xefve text.</p></body></html>";
      set_body (msg, 200, "text/html; charset=utf-8", page, strlen (page));
    }
  else if (g_str_has_prefix (path, "/full-feed/"))
    {
      g_autofree char *feed = generated_feed_full (self, path + strlen ("/full-feed/"), 3, TRUE);
      set_body (msg, 200, "application/rss+xml", feed, strlen (feed));
    }
  else if (g_str_has_prefix (path, "/feed/"))
    {
      g_autofree char *feed = generated_feed (self, path + strlen ("/feed/"), 5);
      const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "If-None-Match");
      soup_message_headers_replace (resp, "ETag", "\"gen-1\"");
      if (inm != NULL && g_str_equal (inm, "\"gen-1\""))
        soup_server_message_set_status (msg, 304, NULL);
      else
        set_body (msg, 200, "application/rss+xml", feed, strlen (feed));
    }
  else if (g_str_has_prefix (path, "/page/"))
    {
      g_auto (GStrv) parts = g_strsplit (path + strlen ("/page/"), "/", 2);
      g_autofree char *page = generated_page (parts[0], parts[1] ? parts[1] : "0");
      set_body (msg, 200, "text/html; charset=utf-8", page, strlen (page));
    }
  else if (g_str_equal (path, "/mutable"))
    {
      g_autofree char *etag = NULL;
      g_autofree char *feed = NULL;
      const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "If-None-Match");
      guint n;

      g_mutex_lock (&self->lock);
      n = self->mutable_items;
      g_mutex_unlock (&self->lock);
      etag = g_strdup_printf ("\"items-%u\"", n);
      soup_message_headers_replace (resp, "ETag", etag);
      if (inm != NULL && g_str_equal (inm, etag))
        soup_server_message_set_status (msg, 304, NULL);
      else
        {
          feed = generated_feed (self, "m", n);
          set_body (msg, 200, "application/rss+xml", feed, strlen (feed));
        }
    }
  else if (g_str_equal (path, "/flaky"))
    {
      gboolean failing;

      g_mutex_lock (&self->lock);
      failing = self->flaky;
      g_mutex_unlock (&self->lock);
      if (failing)
        set_body (msg, 500, "text/plain", "down", 4);
      else
        {
          g_autofree char *feed = generated_feed (self, "flaky", 2);
          set_body (msg, 200, "application/rss+xml", feed, strlen (feed));
        }
    }
  else if (g_str_equal (path, "/echo-headers"))
    {
      SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
      g_autofree char *text = g_strdup_printf ("User-Agent: %s\nAccept-Encoding: %s\n",
                                               soup_message_headers_get_one (req, "User-Agent"),
                                               soup_message_headers_get_one (req, "Accept-Encoding"));
      set_body (msg, 200, "text/plain; charset=utf-8", text, strlen (text));
    }
  else if (g_str_equal (path, "/slow"))
    soup_server_message_pause (msg);
  else
    set_body (msg, 404, "text/plain", "not here", 8);
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  Delayed *d = user_data;
  g_autofree char *path = g_object_steal_data (G_OBJECT (d->msg), "path");

  handle (d->self, d->msg, path);
  soup_server_message_unpause (d->msg);
  g_object_unref (d->msg);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  WebTestServer *self = user_data;
  guint delay;

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path)) + 1));
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  delay = self->delay_ms;
  g_mutex_unlock (&self->lock);
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished_cb), self);

  if (delay > 0 && (g_str_has_prefix (path, "/feed/") || g_str_has_prefix (path, "/page/")))
    {
      Delayed *d = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (delay);

      d->self = self;
      d->msg = g_object_ref (msg);
      g_object_set_data_full (G_OBJECT (msg), "path", g_strdup (path), g_free);
      soup_server_message_pause (msg);
      /* On the server's own context, not the test's. */
      g_source_set_callback (source, on_delay_done_cb, d, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
      return;
    }
  handle (self, msg, path);
}

static gpointer
server_thread (gpointer user_data)
{
  WebTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "TriptychTest/1", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("test server cannot listen: %s", error->message);
  uris = soup_server_get_uris (self->server);

  /* The same site over TLS with a self-signed certificate nobody trusts. */
  {
    g_autofree char *cert_path = g_build_filename (self->data_dir, "web", "test-cert.pem", NULL);
    g_autofree char *key_path = g_build_filename (self->data_dir, "web", "test-key.pem", NULL);
    g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (cert_path, key_path, NULL);

    if (cert != NULL)
      {
        GSList *tls_uris;

        self->tls_server = soup_server_new ("tls-certificate", cert, NULL);
        soup_server_add_handler (self->tls_server, NULL, on_request_cb, self, NULL);
        if (soup_server_listen_local (self->tls_server, 0,
                                      SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, NULL))
          {
            tls_uris = soup_server_get_uris (self->tls_server);
            self->tls_base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (tls_uris->data));
            g_slist_free_full (tls_uris, (GDestroyNotify) g_uri_unref);
          }
      }
  }

  g_mutex_lock (&self->lock);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  if (self->tls_server != NULL)
    soup_server_disconnect (self->tls_server);
  g_clear_object (&self->tls_server);
  /* Let the closed connections finish on this context. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Public API */

WebTestServer *
web_test_server_new (void)
{
  WebTestServer *self = g_new0 (WebTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  self->bomb = make_bomb ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("web-test-server", server_thread, self);
  while (self->base == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

void
web_test_server_free (WebTestServer *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_cb, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->hits);
  g_bytes_unref (self->bomb);
  g_free (self->base);
  g_free (self->tls_base);
  g_free (self->data_dir);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self);
}

char *
web_test_server_url (WebTestServer *self,
                     const char    *path)
{
  return g_strconcat (self->base, path, NULL);
}

char *
web_test_server_tls_url (WebTestServer *self,
                         const char    *path)
{
  if (self->tls_base == NULL)
    return NULL;
  return g_strconcat (self->tls_base, path, NULL);
}

guint
web_test_server_hits (WebTestServer *self,
                      const char    *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_mutex_unlock (&self->lock);
  return n;
}

void
web_test_server_set_mutable (WebTestServer *self,
                             guint          n_items)
{
  g_mutex_lock (&self->lock);
  self->mutable_items = n_items;
  g_mutex_unlock (&self->lock);
}

void
web_test_server_set_flaky (WebTestServer *self,
                           gboolean       failing)
{
  g_mutex_lock (&self->lock);
  self->flaky = failing;
  g_mutex_unlock (&self->lock);
}

void
web_test_server_set_page_delay_ms (WebTestServer *self,
                                   guint          delay_ms)
{
  g_mutex_lock (&self->lock);
  self->delay_ms = delay_ms;
  self->max_in_flight = 0;
  g_mutex_unlock (&self->lock);
}

guint
web_test_server_max_parallel (WebTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->max_in_flight;
  g_mutex_unlock (&self->lock);
  return n;
}
