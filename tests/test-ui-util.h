/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the UI tests: a real library in a temporary folder, articles and
 * statements put into it through the store, and waiting on the main loop. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  TpStore *store;
} Library;

static G_GNUC_UNUSED Library *
library_new (void)
{
  Library *lib = g_new0 (Library, 1);
  g_autoptr(GError) error = NULL;

  lib->dir = g_dir_make_tmp ("triptych-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
  lib->store = tp_store_open (lib->path, &error);
  g_assert_no_error (error);
  return lib;
}

static G_GNUC_UNUSED void
library_free (Library *lib)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&lib->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (lib->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (lib->dir);
  g_free (lib->path);
  g_free (lib->dir);
  g_free (lib);
}

/* A statement quoting @quote from @body, said by @actor of @side. */
static G_GNUC_UNUSED TpStatement *
quote (const char *body,
       const char *text,
       const char *actor,
       const char *side,
       const char *topic)
{
  TpStatement *st = tp_statement_new ();
  const char *at = strstr (body, text);

  g_assert_nonnull (at);
  st->kind = TP_STATEMENT_DIRECT;
  st->text = g_strdup (text);
  st->start = g_utf8_pointer_to_offset (body, at);
  st->end = st->start + g_utf8_strlen (text, -1);
  st->speaker = g_strdup (actor);
  st->actor = g_strdup (actor);
  st->side = g_strdup (side);
  st->confidence = 0.9;
  if (topic != NULL)
    tp_statement_add_topic (st, topic);
  return st;
}

static G_GNUC_UNUSED gint64
add_article (Library    *lib,
             const char *title,
             const char *outlet,
             const char *language,
             const char *published,
             const char *body,
             ...)
{
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(GError) error = NULL;
  TpStatement *st;
  gint64 id = 0;
  va_list args;

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->language = g_strdup (language);
  article->published = g_strdup (published);
  tp_article_set_body (article, body);

  va_start (args, body);
  while ((st = va_arg (args, TpStatement *)) != NULL)
    g_ptr_array_add (statements, st);
  va_end (args);

  tp_store_add_article (lib->store, article, statements, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static G_GNUC_UNUSED gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so; fails after ten seconds. */
static G_GNUC_UNUSED void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, on_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static G_GNUC_UNUSED void
spin (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, on_timeout_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static G_GNUC_UNUSED gboolean
label_exists (GtkWidget  *widget,
              const char *text,
              const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_exists (child, text, css_class))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_nth_of_type (GtkWidget *widget,
                  GType      type,
                  guint     *remaining)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*remaining == 0)
        return widget;
      (*remaining)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth_of_type (child, type, remaining);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The @index-th widget of @type under @widget, depth first, or NULL. */
static G_GNUC_UNUSED GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type,
                     guint      index)
{
  if (widget == NULL)
    return NULL;
  return find_nth_of_type (widget, type, &index);
}
