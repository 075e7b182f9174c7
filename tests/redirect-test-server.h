/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A second SoupServer on 127.0.0.1, port 0, in its own thread and main
 * context, that only redirects, for the tests of permanent and temporary
 * moves (shared by the fetcher and monitor tests):
 *   /go/<code>/<rest>       answers <code> with Location /<rest> on this
 *                           server, so redirects can be chained
 *   /go/<code>/web/<path>   answers <code> with Location <target>/<path>, the
 *                           address given at creation (WebTestServer's)
 * Everything else is 404. */

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;
  char         *target;
  GMutex        lock;
  GCond         ready;
} RedirectServer;

static inline void
redirect_server_on_request_cb (SoupServer        *soup_server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data)
{
  RedirectServer *self = user_data;
  g_autofree char *location = NULL;
  char *end = NULL;
  guint code;

  if (!g_str_has_prefix (path, "/go/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  code = (guint) strtoul (path + strlen ("/go/"), &end, 10);
  if (end == NULL || *end != '/')
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }
  if (g_str_has_prefix (end, "/web/"))
    location = g_strconcat (self->target, end + strlen ("/web"), NULL);
  else
    location = g_strdup (end);
  soup_server_message_set_redirect (msg, code, location);
}

static inline gpointer
redirect_server_thread (gpointer user_data)
{
  RedirectServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "TriptychTest/1", NULL);
  soup_server_add_handler (self->server, NULL, redirect_server_on_request_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("redirect server cannot listen: %s", error->message);
  uris = soup_server_get_uris (self->server);

  g_mutex_lock (&self->lock);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* @target: the base address "web/" paths redirect to */
static inline RedirectServer *
redirect_server_new (const char *target)
{
  RedirectServer *self = g_new0 (RedirectServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->target = g_strdup (target);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("redirect-test-server", redirect_server_thread, self);
  while (self->base == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static inline gboolean
redirect_server_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static inline void
redirect_server_free (RedirectServer *self)
{
  g_main_context_invoke (self->context, redirect_server_quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self->base);
  g_free (self->target);
  g_free (self);
}

/* The address of @path on the redirect server. */
static inline char *
redirect_server_url (RedirectServer *self,
                     const char     *path)
{
  return g_strconcat (self->base, path, NULL);
}
