/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the report tests and the report benchmark: a temporary library
 * filled through the store API, and helpers to write reports. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-comparison.h"
#include "tp-report-writer.h"
#include "tp-store.h"

typedef struct
{
  char    *dir;
  char    *db_path;
  TpStore *store;
} ReportLibrary;

static inline void
report_library_init (ReportLibrary *lib)
{
  g_autoptr(GError) error = NULL;

  lib->dir = g_dir_make_tmp ("triptych-report-XXXXXX", &error);
  g_assert_no_error (error);
  lib->db_path = g_build_filename (lib->dir, "library.db", NULL);
  lib->store = tp_store_open (lib->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lib->store);
}

static inline void
report_remove_tree (const char *path)
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

      report_remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static inline void
report_library_clear (ReportLibrary *lib)
{
  g_clear_object (&lib->store);
  if (g_getenv ("TP_KEEP_REPORTS") == NULL)
    report_remove_tree (lib->dir);
  else
    g_test_message ("reports kept in %s", lib->dir);
  g_clear_pointer (&lib->dir, g_free);
  g_clear_pointer (&lib->db_path, g_free);
}

static inline TpArticle *
report_article (const char *title,
                const char *outlet,
                const char *url,
                const char *source_path,
                const char *language,
                const char *published,
                const char *body)
{
  TpArticle *article = tp_article_new ();

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->url = g_strdup (url);
  article->source_path = g_strdup (source_path);
  article->language = g_strdup (language);
  article->published = g_strdup (published);
  article->origin = url != NULL ? TP_ORIGIN_URL : TP_ORIGIN_FILE;
  tp_article_set_body (article, body);
  article->content_hash = tp_article_compute_hash (body);
  return article;
}

/* A statement over the first occurrence of @text in @body; @topics is a
 * comma-separated list of topic keys. */
static inline TpStatement *
report_statement (const char      *body,
                  const char      *text,
                  TpStatementKind  kind,
                  const char      *speaker,
                  const char      *actor_key,
                  const char      *actor,
                  const char      *side,
                  const char      *topics,
                  const char      *said_on)
{
  TpStatement *s = tp_statement_new ();
  const char *at = strstr (body, text);
  g_auto(GStrv) keys = g_strsplit (topics, ",", -1);

  g_assert_nonnull (at);
  s->kind = kind;
  s->start = g_utf8_pointer_to_offset (body, at);
  s->end = s->start + g_utf8_strlen (text, -1);
  s->text = g_strdup (text);
  s->speaker = g_strdup (speaker);
  s->actor_key = g_strdup (actor_key);
  s->actor = g_strdup (actor);
  s->side = g_strdup (side);
  s->cue = g_strdup (kind == TP_STATEMENT_INDIRECT ? "nói" : "said");
  s->said_on = g_strdup (said_on);
  s->confidence = 0.9;
  for (guint i = 0; keys[i] != NULL; i++)
    if (*keys[i] != '\0')
      tp_statement_add_topic (s, keys[i]);
  return s;
}

static inline gint64
report_add_article (TpStore   *store,
                    TpArticle *article,
                    GPtrArray *statements)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (tp_store_add_article (store, article, statements, &id, &error));
  g_assert_no_error (error);
  return id;
}

static inline TpComparison *
report_comparison (TpStore                  *store,
                   const TpComparisonFilter *filter)
{
  g_autoptr(GError) error = NULL;
  TpComparisonFilter f = { 0 };
  TpComparison *comparison;

  if (filter != NULL)
    f = *filter;
  f.with_annotations = TRUE;
  comparison = tp_comparison_new (store, &f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (comparison);
  return comparison;
}

/* Writes a report file into @dir and returns its path. */
static inline char *
report_write_file (TpComparison          *comparison,
                   TpReportFormat         format,
                   const TpReportOptions *options,
                   const char            *dir,
                   const char            *basename)
{
  g_autoptr(TpReportWriter) writer = tp_report_writer_new (format);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat (basename, ".", tp_report_writer_get_extension (writer), NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (tp_report_writer_write_file (writer, comparison, options, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static inline char *
report_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}
