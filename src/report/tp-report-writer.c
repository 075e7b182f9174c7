/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tp-report-private.h"

G_DEFINE_QUARK (tp-report-error-quark, tp_report_error)

G_DEFINE_INTERFACE (TpReportWriter, tp_report_writer, G_TYPE_OBJECT)

/* Flush once this much text has piled up. */
#define SINK_CHUNK (64 * 1024)

static const char * const format_names[] = {
  [TP_REPORT_FORMAT_HTML] = "html",
  [TP_REPORT_FORMAT_PDF] = "pdf",
  [TP_REPORT_FORMAT_MARKDOWN] = "md",
  [TP_REPORT_FORMAT_CSV] = "csv",
  [TP_REPORT_FORMAT_JSON] = "json",
  [TP_REPORT_FORMAT_ODT] = "odt",
};

/* GObject overrides */

static void
tp_report_writer_default_init (TpReportWriterInterface *iface)
{
}

/* Sink */

void
_tp_report_sink_init (TpReportSink  *sink,
                      GOutputStream *stream,
                      GCancellable  *cancellable)
{
  sink->stream = stream;
  sink->cancellable = cancellable;
  sink->buf = g_string_sized_new (SINK_CHUNK + 4096);
  sink->error = NULL;
}

static gboolean
sink_flush (TpReportSink *sink)
{
  if (sink->error != NULL)
    return FALSE;
  if (sink->buf->len > 0
      && !g_output_stream_write_all (sink->stream, sink->buf->str, sink->buf->len, NULL,
                                     sink->cancellable, &sink->error))
    return FALSE;
  g_string_truncate (sink->buf, 0);
  return TRUE;
}

gboolean
_tp_report_sink_maybe_flush (TpReportSink *sink)
{
  if (sink->error != NULL)
    return FALSE;
  if (sink->buf->len < SINK_CHUNK)
    return TRUE;
  return sink_flush (sink);
}

gboolean
_tp_report_sink_finish (TpReportSink  *sink,
                        GError       **error)
{
  gboolean ok = sink_flush (sink);

  g_string_free (sink->buf, TRUE);
  sink->buf = NULL;
  if (!ok)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&sink->error), "%s",
                                  _("Could not write the report: "));
      return FALSE;
    }
  return TRUE;
}

/* Shared helpers */

const char *
_tp_report_title (const TpReportOptions *options)
{
  if (options != NULL && options->title != NULL && *options->title != '\0')
    return options->title;
  return _("Stated positions by topic and side");
}

const char *
_tp_report_review_label (TpReviewStatus status)
{
  switch (status)
    {
    case TP_REVIEW_AUTO:
      return _("Not reviewed (found automatically)");
    case TP_REVIEW_CONFIRMED:
      return _("Confirmed");
    case TP_REVIEW_EDITED:
      return _("Edited by a journalist");
    case TP_REVIEW_REJECTED:
      return _("Rejected");
    default:
      return _("Unknown");
    }
}

const char *
_tp_report_kind_label (TpStatementKind kind)
{
  switch (kind)
    {
    case TP_STATEMENT_DIRECT:
      return _("direct quote");
    case TP_STATEMENT_INDIRECT:
      return _("reported speech");
    case TP_STATEMENT_MIXED:
      return _("partial quote");
    default:
      return _("statement");
    }
}

const char *
_tp_report_empty_message (void)
{
  return _("No statements match these filters");
}

/* Only web addresses become links; anything else (javascript:, data:,
 * file:, relative junk) is shown as text by the caller. Returns the
 * address re-serialised by GUri so what is linked is what was parsed. */
char *
_tp_report_safe_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return NULL;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_uri_to_string (uri);
}

/* Side colours come from the user's lexicon and end up in CSS and cairo:
 * accept only "#rgb" and "#rrggbb". */
const char *
_tp_report_safe_color (const char *color)
{
  gsize len;

  if (color == NULL || color[0] != '#')
    return "#6f6f6f";
  len = strlen (color);
  if (len != 4 && len != 7)
    return "#6f6f6f";
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isxdigit (color[i]))
      return "#6f6f6f";
  return color;
}

/* The file an article came from, by name only: a citation should not
 * disclose the journalist's folders. */
char *
_tp_report_source_file (TpArticle *article)
{
  if (article->source_path == NULL || *article->source_path == '\0')
    return NULL;
  return g_path_get_basename (article->source_path);
}

char *
_tp_report_period (TpComparison *comparison)
{
  const char *from = tp_comparison_get_date_from (comparison);
  const char *until = tp_comparison_get_date_until (comparison);

  if (from != NULL && until != NULL)
    /* Translators: a date range, "2025-07-01 – 2025-07-31" */
    return g_strdup_printf (_("%s – %s"), from, until);
  if (from != NULL)
    return g_strdup_printf (_("from %s"), from);
  if (until != NULL)
    return g_strdup_printf (_("until %s"), until);
  return g_strdup (_("all dates"));
}

static char *
join_strv (const char * const *strv)
{
  return g_strjoinv (", ", (char **) strv);
}

/**
 * _tp_report_describe_filters:
 *
 * Returns: (transfer full) (element-type utf8): one "Label: value" line
 *   per filter that narrows the comparison, the review rule always
 */
GPtrArray *
_tp_report_describe_filters (TpComparison *comparison)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char * const *outlets = tp_comparison_get_outlets (comparison);
  const char * const *languages = tp_comparison_get_languages (comparison);
  const char * const *tags = tp_comparison_get_tags (comparison);
  guint mask = tp_comparison_get_review_mask (comparison);
  g_autofree char *period = _tp_report_period (comparison);
  TpLexicon *lexicon = tp_comparison_get_lexicon (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);
  guint n_topics = tp_comparison_get_n_topics (comparison);

  g_ptr_array_add (lines, g_strdup_printf (_("Period: %s"), period));
  /* Columns and rows the filter left out of the lexicon's full set. */
  if (lexicon != NULL && n_sides < tp_lexicon_get_sides (lexicon)->len)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < n_sides; i++)
        {
          const TpLexiconSide *side = tp_comparison_get_side (comparison, i);

          g_string_append_printf (s, "%s%s", i ? ", " : "", side->name ? side->name : side->key);
        }
      g_ptr_array_add (lines, g_strdup_printf (_("Sides: %s"), s->str));
    }
  if (lexicon != NULL && n_topics < tp_lexicon_get_topics (lexicon)->len)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < n_topics; i++)
        {
          const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, i);

          g_string_append_printf (s, "%s%s", i ? ", " : "", topic->name ? topic->name : topic->key);
        }
      g_ptr_array_add (lines, g_strdup_printf (_("Topics: %s"), s->str));
    }
  if (outlets != NULL && outlets[0] != NULL)
    {
      g_autofree char *s = join_strv (outlets);
      g_ptr_array_add (lines, g_strdup_printf (_("Outlets: %s"), s));
    }
  if (languages != NULL && languages[0] != NULL)
    {
      g_autofree char *s = join_strv (languages);
      g_ptr_array_add (lines, g_strdup_printf (_("Languages: %s"), s));
    }
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *s = join_strv (tags);
      g_ptr_array_add (lines, g_strdup_printf (_("Tags: %s"), s));
    }
  if (mask == 0)
    g_ptr_array_add (lines, g_strdup (_("Review status: all but rejected")));
  else
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (TpReviewStatus r = TP_REVIEW_AUTO; r <= TP_REVIEW_REJECTED; r++)
        if (mask & TP_REVIEW_MASK (r))
          {
            if (s->len > 0)
              g_string_append (s, ", ");
            g_string_append (s, _tp_report_review_label (r));
          }
      g_ptr_array_add (lines, g_strdup_printf (_("Review status: %s"), s->str));
    }
  return lines;
}

const char *
_tp_report_topic_name (TpComparison *comparison,
                       const char   *key)
{
  TpLexicon *lexicon = tp_comparison_get_lexicon (comparison);
  const TpLexiconTopic *topic = lexicon ? tp_lexicon_lookup_topic (lexicon, key) : NULL;

  return topic != NULL && topic->name != NULL ? topic->name : key;
}

const char *
_tp_report_side_name (TpComparison *comparison,
                      const char   *key)
{
  TpLexicon *lexicon = tp_comparison_get_lexicon (comparison);
  const TpLexiconSide *side;

  if (key == NULL)
    return NULL;
  side = lexicon ? tp_lexicon_lookup_side (lexicon, key) : NULL;
  return side != NULL && side->name != NULL ? side->name : key;
}

char *
_tp_report_join_topics (TpComparison *comparison,
                        TpStatement  *statement,
                        const char   *separator)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; statement->topics != NULL && i < statement->topics->len; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, _tp_report_topic_name (comparison,
                                                 g_ptr_array_index (statement->topics, i)));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
_tp_report_join_tags (TpComparisonItem *item,
                      const char       *separator)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; item->tags != NULL && i < item->tags->len; i++)
    {
      TpTag *tag = g_ptr_array_index (item->tags, i);

      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, tag->name);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * _tp_report_unique_items:
 *
 * A statement filed under several topics sits in several cells; the
 * per-statement formats (CSV, JSON) list it once, where it first appears.
 *
 * Returns: (transfer container) (element-type TpComparisonItem)
 */
GPtrArray *
_tp_report_unique_items (TpComparison *comparison)
{
  GPtrArray *items = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_topics = tp_comparison_get_n_topics (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);

  for (guint t = 0; t < n_topics; t++)
    for (guint s = 0; s < n_sides; s++)
      {
        GPtrArray *cell = tp_comparison_get_cell (comparison, t, s);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            TpComparisonItem *item = g_ptr_array_index (cell, i);

            if (g_hash_table_add (seen, &item->statement->id))
              g_ptr_array_add (items, item);
          }
      }
  return items;
}

const char *
_tp_report_item_date (TpComparisonItem *item)
{
  if (item->date != NULL)
    return item->date;
  if (item->statement->said_on != NULL)
    return item->statement->said_on;
  return item->article->published;
}

char *
_tp_report_generated_display (TpComparison *comparison)
{
  const char *generated = tp_comparison_get_generated (comparison);
  g_autoptr(GDateTime) dt = NULL;

  if (generated == NULL)
    return g_strdup ("");
  dt = g_date_time_new_from_iso8601 (generated, NULL);
  if (dt == NULL)
    return g_strdup (generated);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M UTC");
}

void
_tp_report_page_size (TpReportPaper  paper,
                      double        *width,
                      double        *height)
{
  /* Landscape, in points: the columns need the width. */
  if (paper == TP_REPORT_PAPER_LETTER)
    {
      *width = 792.0;
      *height = 612.0;
    }
  else
    {
      *width = 841.89;
      *height = 595.28;
    }
}

/* Public API */

/**
 * tp_report_format_to_string:
 * @format: a report format
 *
 * Returns: the format's name on the command line ("html", "pdf", "md",
 *   "csv", "json", "odt")
 */
const char *
tp_report_format_to_string (TpReportFormat format)
{
  g_return_val_if_fail (format <= TP_REPORT_FORMAT_ODT, NULL);

  return format_names[format];
}

/**
 * tp_report_format_from_string:
 * @str: a format name; "markdown" is accepted for "md"
 * @format: (out): the format
 *
 * Returns: %TRUE if @str names a format
 */
gboolean
tp_report_format_from_string (const char     *str,
                              TpReportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (str, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (str, "markdown") == 0)
    {
      *format = TP_REPORT_FORMAT_MARKDOWN;
      return TRUE;
    }
  return FALSE;
}

/**
 * tp_report_paper_from_string:
 * @str: "a4" or "letter"
 * @paper: (out): the paper size
 *
 * Returns: %TRUE if @str names a paper size
 */
gboolean
tp_report_paper_from_string (const char    *str,
                             TpReportPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (str != NULL && g_ascii_strcasecmp (str, "a4") == 0)
    *paper = TP_REPORT_PAPER_A4;
  else if (str != NULL && g_ascii_strcasecmp (str, "letter") == 0)
    *paper = TP_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/**
 * tp_report_writer_new:
 * @format: a report format
 *
 * Returns: (transfer full): the writer for @format
 */
TpReportWriter *
tp_report_writer_new (TpReportFormat format)
{
  GType type;

  switch (format)
    {
    case TP_REPORT_FORMAT_HTML:
      type = _tp_report_html_get_type ();
      break;
    case TP_REPORT_FORMAT_PDF:
      type = _tp_report_pdf_get_type ();
      break;
    case TP_REPORT_FORMAT_MARKDOWN:
      type = _tp_report_markdown_get_type ();
      break;
    case TP_REPORT_FORMAT_CSV:
      type = _tp_report_csv_get_type ();
      break;
    case TP_REPORT_FORMAT_JSON:
      type = _tp_report_json_get_type ();
      break;
    case TP_REPORT_FORMAT_ODT:
      type = _tp_report_odt_get_type ();
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_object_new (type, NULL);
}

/**
 * tp_report_writer_get_extension:
 * @self: a writer
 *
 * Returns: the file name extension without the dot ("html")
 */
const char *
tp_report_writer_get_extension (TpReportWriter *self)
{
  g_return_val_if_fail (TP_IS_REPORT_WRITER (self), NULL);

  return TP_REPORT_WRITER_GET_IFACE (self)->get_extension (self);
}

/**
 * tp_report_writer_get_content_type:
 * @self: a writer
 *
 * Returns: the MIME type of what the writer writes
 */
const char *
tp_report_writer_get_content_type (TpReportWriter *self)
{
  g_return_val_if_fail (TP_IS_REPORT_WRITER (self), NULL);

  return TP_REPORT_WRITER_GET_IFACE (self)->get_content_type (self);
}

/**
 * tp_report_writer_write:
 * @self: a writer
 * @comparison: the comparison to report
 * @options: (nullable): how to write it
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @comparison to @stream. Does not close @stream.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_report_writer_write (TpReportWriter        *self,
                        TpComparison          *comparison,
                        const TpReportOptions *options,
                        GOutputStream         *stream,
                        GCancellable          *cancellable,
                        GError               **error)
{
  static const TpReportOptions defaults = { 0 };

  g_return_val_if_fail (TP_IS_REPORT_WRITER (self), FALSE);
  g_return_val_if_fail (TP_IS_COMPARISON (comparison), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TP_REPORT_WRITER_GET_IFACE (self)->write (self, comparison,
                                                   options ? options : &defaults,
                                                   stream, cancellable, error);
}

/**
 * tp_report_writer_write_file:
 * @self: a writer
 * @comparison: the comparison to report
 * @options: (nullable): how to write it
 * @file: the report file, replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @comparison to @file. An existing file is only replaced once the
 * whole report has been written, so a failure leaves it as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
tp_report_writer_write_file (TpReportWriter        *self,
                             TpComparison          *comparison,
                             const TpReportOptions *options,
                             GFile                 *file,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TP_IS_REPORT_WRITER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, &local_error);
  if (out == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE,
                   _("Could not create “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  if (!tp_report_writer_write (self, comparison, options, G_OUTPUT_STREAM (out),
                               cancellable, error))
    {
      /* Cancelling the close drops the temporary file and keeps the old one. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  TpComparison    *comparison;
  TpReportOptions  options;
  char            *title;
  GFile           *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->comparison);
  g_clear_object (&data->file);
  g_free (data->title);
  g_free (data);
}

static void
write_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (tp_report_writer_write_file (source_object, data->comparison, &data->options,
                                   data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * tp_report_writer_write_file_async:
 * @self: a writer
 * @comparison: the comparison to report; it must not change meanwhile
 * @options: (nullable): how to write it (copied)
 * @file: the report file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: closure for @callback
 *
 * Writes the report on a worker thread.
 */
void
tp_report_writer_write_file_async (TpReportWriter        *self,
                                   TpComparison          *comparison,
                                   const TpReportOptions *options,
                                   GFile                 *file,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (TP_IS_REPORT_WRITER (self));
  g_return_if_fail (TP_IS_COMPARISON (comparison));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (WriteData, 1);
  data->comparison = g_object_ref (comparison);
  data->file = g_object_ref (file);
  if (options != NULL)
    {
      data->options = *options;
      data->title = g_strdup (options->title);
      data->options.title = data->title;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tp_report_writer_write_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_file_thread);
}

/**
 * tp_report_writer_write_file_finish:
 * @self: a writer
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the report was written
 */
gboolean
tp_report_writer_write_file_finish (TpReportWriter  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
