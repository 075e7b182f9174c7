/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-markdown"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tp-report-private.h"

/* Markdown (CommonMark with the usual GFM extensions in mind): one section
 * per topic, one subsection per side. Text from the library is escaped so
 * that it can neither start markup (emphasis, links, raw HTML, entities,
 * tables) nor break out of its list item. */

struct _TpReportMarkdown
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportMarkdown, _tp_report_markdown, TP, REPORT_MARKDOWN, GObject)

static void tp_report_markdown_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportMarkdown, _tp_report_markdown, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_markdown_writer_init))

/* Auxiliary methods */

/* Inline text: every ASCII punctuation character that can open or close
 * Markdown syntax anywhere (emphasis, code, links, raw HTML, entities,
 * tables, strike-through, heading closers) gets a backslash, as CommonMark
 * allows before any ASCII punctuation. Characters that only mean something
 * at the start of a line (list and heading markers, "1." and "1)") are
 * escaped there, and line breaks become spaces so text stays in its item. */
static void
append_escaped (GString    *out,
                const char *text)
{
  static const char special[] = "\\`*_{}[]()<>#|~&";
  g_autofree char *valid = NULL;
  const char *digits_end;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  if (*text == '-' || *text == '+' || *text == '=')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *text++);
    }
  for (digits_end = text; g_ascii_isdigit (*digits_end); digits_end++)
    ;
  if (digits_end > text && (*digits_end == '.' || *digits_end == ')'))
    {
      g_string_append_len (out, text, digits_end - text);
      g_string_append_c (out, '\\');
      text = digits_end;
      g_string_append_c (out, *text++);
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          g_string_append_c (out, ' ');
          continue;
        }
      if ((guchar) *p < 0x20 || *p == 0x7f)
        continue;
      if (strchr (special, *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
append_citation (GString          *out,
                 TpComparisonItem *item)
{
  TpArticle *article = item->article;
  g_autofree char *url = _tp_report_safe_url (article->url);
  g_autofree char *file = _tp_report_source_file (article);
  gboolean first = TRUE;

  if (article->outlet != NULL)
    {
      append_escaped (out, article->outlet);
      first = FALSE;
    }
  if (article->title != NULL)
    {
      g_string_append (out, first ? "*" : ", *");
      append_escaped (out, article->title);
      g_string_append_c (out, '*');
      first = FALSE;
    }
  if (article->published != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      append_escaped (out, article->published);
      first = FALSE;
    }
  /* An autolink only for web addresses that cannot end it early; anything
   * else is escaped text. */
  if (url != NULL && strpbrk (url, "<> ") == NULL)
    g_string_append_printf (out, "%s<%s>", first ? "" : ", ", url);
  else if (article->url != NULL && *article->url != '\0')
    {
      g_string_append (out, first ? "" : ", ");
      append_escaped (out, article->url);
    }
  else if (file != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      g_string_append (out, _("file "));
      append_escaped (out, file);
    }
}

static void
append_statement (GString               *out,
                  TpComparisonItem      *item,
                  const TpReportOptions *options)
{
  TpStatement *s = item->statement;
  const char *date = _tp_report_item_date (item);

  g_string_append (out, "- “");
  append_escaped (out, s->text);
  g_string_append (out, "”  \n  **");
  append_escaped (out, s->speaker != NULL ? s->speaker : (s->actor ? s->actor : _("Unknown speaker")));
  g_string_append (out, "**");
  if (s->actor != NULL && s->speaker != NULL && g_strcmp0 (s->actor, s->speaker) != 0)
    {
      g_string_append (out, " \\(");
      append_escaped (out, s->actor);
      g_string_append (out, "\\)");
    }
  g_string_append (out, " · ");
  append_escaped (out, _tp_report_kind_label (s->kind));
  if (date != NULL)
    {
      g_string_append (out, " · ");
      append_escaped (out, date);
    }
  g_string_append (out, "  \n  ");
  append_escaped (out, _("Source:"));
  g_string_append_c (out, ' ');
  append_citation (out, item);
  g_string_append (out, "  \n  ");
  {
    g_autofree char *status = g_strdup_printf (_("Review: %s"), _tp_report_review_label (s->review));
    append_escaped (out, status);
  }
  if (item->starred)
    {
      g_string_append (out, " · ★ ");
      append_escaped (out, _("Starred"));
    }
  g_string_append_c (out, '\n');

  if (options->with_tags && item->tags != NULL && item->tags->len > 0)
    {
      g_autofree char *tags = _tp_report_join_tags (item, ", ");
      g_autofree char *line = g_strdup_printf (_("Tags: %s"), tags);

      g_string_append (out, "  - ");
      append_escaped (out, line);
      g_string_append_c (out, '\n');
    }
  if (options->with_notes && item->notes != NULL)
    for (guint i = 0; i < item->notes->len; i++)
      {
        TpNote *note = g_ptr_array_index (item->notes, i);
        g_autofree char *line = g_strdup_printf (_("Note (%s): %s"),
                                                 note->created ? note->created : "",
                                                 note->text ? note->text : "");

        g_string_append (out, "  - ");
        append_escaped (out, line);
        g_string_append_c (out, '\n');
      }
}

static gboolean
tp_report_markdown_write (TpReportWriter        *writer,
                          TpComparison          *comparison,
                          const TpReportOptions *options,
                          GOutputStream         *stream,
                          GCancellable          *cancellable,
                          GError               **error)
{
  TpReportSink sink;
  GString *out;
  guint n_topics = tp_comparison_get_n_topics (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);
  g_autofree char *generated = _tp_report_generated_display (comparison);
  g_autoptr(GPtrArray) filters = _tp_report_describe_filters (comparison);

  _tp_report_sink_init (&sink, stream, cancellable);
  out = sink.buf;

  g_string_append (out, "# ");
  append_escaped (out, _tp_report_title (options));
  g_string_append (out, "\n\n");
  {
    g_autofree char *line = g_strdup_printf (_("Generated %s · %u statements"), generated,
                                             tp_comparison_get_n_statements (comparison));
    append_escaped (out, line);
  }
  g_string_append (out, "\n\n");
  for (guint i = 0; i < filters->len; i++)
    {
      g_string_append (out, "- ");
      append_escaped (out, g_ptr_array_index (filters, i));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  if (tp_comparison_is_empty (comparison))
    {
      g_string_append (out, "**");
      append_escaped (out, _tp_report_empty_message ());
      g_string_append (out, "**\n");
      return _tp_report_sink_finish (&sink, error);
    }

  for (guint t = 0; t < n_topics && sink.error == NULL; t++)
    {
      const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, t);

      if (tp_comparison_topic_is_empty (comparison, t))
        continue;
      g_string_append (out, "## ");
      append_escaped (out, topic->name != NULL ? topic->name : topic->key);
      g_string_append (out, "\n\n");
      for (guint s = 0; s < n_sides; s++)
        {
          const TpLexiconSide *side = tp_comparison_get_side (comparison, s);
          GPtrArray *cell = tp_comparison_get_cell (comparison, t, s);
          guint total = tp_comparison_get_cell_total (comparison, t, s);

          g_string_append (out, "### ");
          append_escaped (out, side->name != NULL ? side->name : side->key);
          g_string_append (out, "\n\n");
          if (cell == NULL || cell->len == 0)
            {
              g_string_append_c (out, '*');
              append_escaped (out, _("No statements"));
              g_string_append (out, "*\n\n");
              continue;
            }
          for (guint i = 0; i < cell->len; i++)
            {
              append_statement (out, g_ptr_array_index (cell, i), options);
              if (!_tp_report_sink_maybe_flush (&sink))
                break;
            }
          if (total > cell->len)
            {
              g_autofree char *more = g_strdup_printf (_("Showing the newest %u of %u statements"),
                                                       cell->len, total);
              g_string_append (out, "\n*");
              append_escaped (out, more);
              g_string_append (out, "*\n");
            }
          g_string_append_c (out, '\n');
        }
    }
  return _tp_report_sink_finish (&sink, error);
}

static const char *
tp_report_markdown_get_extension (TpReportWriter *writer)
{
  return "md";
}

static const char *
tp_report_markdown_get_content_type (TpReportWriter *writer)
{
  return "text/markdown";
}

/* GObject overrides */

static void
tp_report_markdown_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_markdown_get_extension;
  iface->get_content_type = tp_report_markdown_get_content_type;
  iface->write = tp_report_markdown_write;
}

static void
_tp_report_markdown_class_init (TpReportMarkdownClass *klass)
{
}

static void
_tp_report_markdown_init (TpReportMarkdown *self)
{
}
