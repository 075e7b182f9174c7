/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the store, search, migration and compare tests: a
 * temporary library and articles written in the tests. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-article.h"
#include "tp-statement.h"

typedef struct
{
  char *dir;
  char *path;
} TestLibrary;

static inline void
test_library_init (TestLibrary *lib)
{
  g_autoptr(GError) error = NULL;

  lib->dir = g_dir_make_tmp ("triptych-test-XXXXXX", &error);
  g_assert_no_error (error);
  lib->path = g_build_filename (lib->dir, "library.db", NULL);
}

static inline void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static inline void
test_library_clear (TestLibrary *lib)
{
  remove_tree (lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->path, g_free);
}

static inline TpArticle *
make_article (const char *title,
              const char *url,
              const char *outlet,
              const char *language,
              const char *published,
              const char *body)
{
  TpArticle *article = tp_article_new ();

  article->title = g_strdup (title);
  article->url = g_strdup (url);
  article->outlet = g_strdup (outlet);
  article->language = g_strdup (language);
  article->published = g_strdup (published);
  article->origin = url ? TP_ORIGIN_URL : TP_ORIGIN_FILE;
  tp_article_set_body (article, body);
  return article;
}

/* A statement over the first occurrence of @needle in @body. */
static inline TpStatement *
make_statement (const char *body,
                const char *needle,
                const char *speaker,
                const char *actor_key,
                const char *side,
                const char *topic)
{
  TpStatement *s = tp_statement_new ();
  const char *at = strstr (body, needle);

  g_assert_nonnull (at);
  s->kind = TP_STATEMENT_DIRECT;
  s->start = g_utf8_pointer_to_offset (body, at);
  s->end = s->start + g_utf8_strlen (needle, -1);
  s->text = g_strdup (needle);
  s->speaker = g_strdup (speaker);
  s->actor_key = g_strdup (actor_key);
  s->actor = g_strdup (speaker);
  s->side = g_strdup (side);
  s->cue = g_strdup ("said");
  s->confidence = 0.9;
  if (topic != NULL)
    tp_statement_add_topic (s, topic);
  return s;
}

static inline GBytes *
read_file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}
