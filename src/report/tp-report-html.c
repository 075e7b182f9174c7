/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-html"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tp-report-private.h"

/* One self-contained HTML file: inline CSS, no script, no external
 * resource, and a Content-Security-Policy that forbids both in case an
 * escaping bug ever lets markup through. Every string from the library is
 * escaped and every attribute value is double-quoted. */

struct _TpReportHtml
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportHtml, _tp_report_html, TP, REPORT_HTML, GObject)

static void tp_report_html_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportHtml, _tp_report_html, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_html_writer_init))

static const char stylesheet[] =
  ":root{color-scheme:light}\n"
  "body{font-family:\"Noto Sans\",\"DejaVu Sans\",\"Segoe UI\",system-ui,sans-serif;"
  "margin:2rem;color:#1d1d1d;background:#fff;font-size:14px;line-height:1.45}\n"
  "header h1{font-size:1.6rem;margin:0 0 .3rem}\n"
  "header .meta{color:#555;margin:0}\n"
  "ul.filters{list-style:none;padding:0;margin:.5rem 0 1.5rem;color:#333;"
  "display:flex;flex-wrap:wrap;gap:.2rem 1.4rem}\n"
  "table.comparison{border-collapse:collapse;width:100%;table-layout:fixed}\n"
  "table.comparison th,table.comparison td{border:1px solid #d0d0d0;vertical-align:top;"
  "padding:.55rem;text-align:left;overflow-wrap:anywhere}\n"
  "table.comparison thead th{font-size:1.05rem}\n"
  "th.topic-col{width:11rem}\n"
  "thead th.side{background:var(--side);color:var(--side-text)}\n"
  "tbody th.topic{background:#f4f4f4;font-weight:600}\n"
  "td.cell{background:var(--tint)}\n"
  ".statement{border-left:4px solid var(--side);background:#fff;padding:.35rem .5rem .35rem .6rem;"
  "margin:0 0 .7rem;break-inside:avoid}\n"
  ".statement:last-child{margin-bottom:0}\n"
  ".statement blockquote{margin:0 0 .3rem;font-size:1rem}\n"
  ".statement p{margin:.1rem 0}\n"
  ".speaker{font-weight:600}\n"
  ".speaker .actor,.speaker .kind{font-weight:400;color:#444}\n"
  ".cite{color:#555;font-size:.85em}\n"
  ".cite a{color:#1a5fb4}\n"
  ".status{font-size:.8em}\n"
  ".review{display:inline-block;padding:0 .45em;border-radius:.7em;background:#ececec}\n"
  ".review-confirmed{background:#d3f0da;color:#1c5e2c}\n"
  ".review-edited{background:#dbe7fb;color:#1a4686}\n"
  ".review-rejected{background:#f8d7d5;color:#8a1f17}\n"
  ".star{color:#a36b00;margin-left:.4em}\n"
  "ul.tags{list-style:none;padding:0;margin:.2rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem}\n"
  "ul.tags li{font-size:.78em;border:1px solid var(--tag,#999);border-radius:.3em;padding:0 .35em}\n"
  "ul.notes{margin:.25rem 0 0;padding-left:1.1rem;font-size:.85em;color:#333}\n"
  "ul.notes time{color:#777;margin-right:.35em}\n"
  ".more{font-size:.8em;color:#666;font-style:italic}\n"
  ".none{color:#999}\n"
  "p.empty{font-size:1.2rem;padding:2rem;border:1px dashed #aaa;text-align:center;color:#444}\n"
  "footer{margin-top:1.5rem;color:#777;font-size:.8em}\n"
  "@media print{\n"
  "  body{margin:0;font-size:9pt}\n"
  "  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
  "  thead{display:table-header-group}\n"
  "  tr{break-inside:auto}\n"
  "  .statement{break-inside:avoid}\n"
  "  .cite a{color:inherit;text-decoration:none}\n"
  "  .cite a[href]::after{content:\" <\" attr(href) \">\";word-break:break-all}\n"
  "}\n";

/* Auxiliary methods */

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  /* Escapes & < > " and ', so the result is safe in text and in a
   * double-quoted attribute alike. */
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *open_tag,
                const char *text,
                const char *close_tag)
{
  g_string_append (out, open_tag);
  append_text (out, text);
  g_string_append (out, close_tag);
}

static void
parse_color (const char *color,
             guint      *r,
             guint      *g,
             guint      *b)
{
  color = _tp_report_safe_color (color);
  if (strlen (color) == 4)
    {
      *r = g_ascii_xdigit_value (color[1]) * 17;
      *g = g_ascii_xdigit_value (color[2]) * 17;
      *b = g_ascii_xdigit_value (color[3]) * 17;
    }
  else
    {
      *r = g_ascii_xdigit_value (color[1]) * 16 + g_ascii_xdigit_value (color[2]);
      *g = g_ascii_xdigit_value (color[3]) * 16 + g_ascii_xdigit_value (color[4]);
      *b = g_ascii_xdigit_value (color[5]) * 16 + g_ascii_xdigit_value (color[6]);
    }
}

/* The CSS custom properties of one side column: its colour, a light tint
 * for the cells and a header text colour that stays readable on it. */
static void
append_side_style (GString    *out,
                   const char *color)
{
  guint r, g, b;
  double luminance;

  parse_color (color, &r, &g, &b);
  luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
  g_string_append_printf (out, " style=\"--side:#%02x%02x%02x;--tint:#%02x%02x%02x;--side-text:%s\"",
                          r, g, b,
                          (r + 9 * 255) / 10, (g + 9 * 255) / 10, (b + 9 * 255) / 10,
                          luminance > 0.55 ? "#1d1d1d" : "#ffffff");
}

static gboolean
is_language_tag (const char *lang)
{
  if (lang == NULL || *lang == '\0' || strlen (lang) > 12)
    return FALSE;
  for (const char *p = lang; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
append_citation (GString          *out,
                 TpComparisonItem *item)
{
  TpArticle *article = item->article;
  g_autofree char *url = _tp_report_safe_url (article->url);
  g_autofree char *file = _tp_report_source_file (article);
  gboolean first = TRUE;

  g_string_append (out, "<p class=\"cite\">");
  if (article->outlet != NULL)
    {
      append_element (out, "<span class=\"outlet\">", article->outlet, "</span>");
      first = FALSE;
    }
  if (article->title != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      append_element (out, "<cite>", article->title, "</cite>");
      first = FALSE;
    }
  if (article->published != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      append_element (out, "<time class=\"published\">", article->published, "</time>");
      first = FALSE;
    }
  if (url != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      g_string_append (out, "<a class=\"source\" rel=\"noopener noreferrer\" href=\"");
      append_text (out, url);
      g_string_append (out, "\">");
      append_text (out, url);
      g_string_append (out, "</a>");
    }
  else if (article->url != NULL && *article->url != '\0')
    {
      /* Not a web address: show it, never link it. */
      g_string_append (out, first ? "" : ", ");
      append_element (out, "<span class=\"source\">", article->url, "</span>");
    }
  else if (file != NULL)
    {
      g_string_append (out, first ? "" : ", ");
      append_element (out, "<span class=\"source file\">", file, "</span>");
    }
  g_string_append (out, "</p>\n");
}

static void
append_statement (GString               *out,
                  TpComparison          *comparison,
                  TpComparisonItem      *item,
                  const TpReportOptions *options)
{
  TpStatement *s = item->statement;
  const char *review = tp_review_status_to_string (s->review);
  const char *date = _tp_report_item_date (item);

  /* A statement on several topics appears in several cells, so it is
   * marked by a data attribute rather than an id that must be unique. */
  g_string_append_printf (out, "<article class=\"statement\" data-statement=\"%" G_GINT64_FORMAT "\">\n",
                          s->id);
  g_string_append (out, "<blockquote");
  if (is_language_tag (item->article->language))
    g_string_append_printf (out, " lang=\"%s\"", item->article->language);
  g_string_append (out, ">");
  append_text (out, s->text);
  g_string_append (out, "</blockquote>\n<p class=\"speaker\">");
  append_text (out, s->speaker != NULL ? s->speaker : (s->actor ? s->actor : _("Unknown speaker")));
  if (s->actor != NULL && s->speaker != NULL && g_strcmp0 (s->actor, s->speaker) != 0)
    append_element (out, " <span class=\"actor\">(", s->actor, ")</span>");
  append_element (out, " <span class=\"kind\">· ", _tp_report_kind_label (s->kind), "</span>");
  if (date != NULL)
    append_element (out, " <span class=\"kind\">· <time class=\"said\">", date, "</time></span>");
  g_string_append (out, "</p>\n");

  append_citation (out, item);

  g_string_append_printf (out, "<p class=\"status\"><span class=\"review review-%s\">", review);
  append_text (out, _tp_report_review_label (s->review));
  g_string_append (out, "</span>");
  if (item->starred)
    append_element (out, "<span class=\"star\">★ ", _("Starred"), "</span>");
  g_string_append (out, "</p>\n");

  if (options->with_tags && item->tags != NULL && item->tags->len > 0)
    {
      g_string_append (out, "<ul class=\"tags\">");
      for (guint i = 0; i < item->tags->len; i++)
        {
          TpTag *tag = g_ptr_array_index (item->tags, i);

          g_string_append (out, "<li");
          if (tag->color != NULL)
            g_string_append_printf (out, " style=\"--tag:%s\"", _tp_report_safe_color (tag->color));
          g_string_append (out, ">");
          append_text (out, tag->name);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }

  if (options->with_notes && item->notes != NULL && item->notes->len > 0)
    {
      g_string_append (out, "<ul class=\"notes\">");
      for (guint i = 0; i < item->notes->len; i++)
        {
          TpNote *note = g_ptr_array_index (item->notes, i);

          g_string_append (out, "<li>");
          if (note->created != NULL)
            append_element (out, "<time>", note->created, "</time>");
          append_text (out, note->text);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</article>\n");
}

static void
append_head (GString               *out,
             TpComparison          *comparison,
             const TpReportOptions *options)
{
  const char *title = _tp_report_title (options);
  g_autofree char *generated = _tp_report_generated_display (comparison);
  g_autoptr(GPtrArray) filters = _tp_report_describe_filters (comparison);

  g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                        "form-action 'none'\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"Triptych " PACKAGE_VERSION "\">\n");
  append_element (out, "<title>", title, "</title>\n");
  g_string_append (out, "<style>\n");
  g_string_append (out, stylesheet);
  g_string_append_printf (out, "@page{size:%s landscape;margin:12mm}\n",
                          options->paper == TP_REPORT_PAPER_LETTER ? "letter" : "A4");
  g_string_append (out, "</style>\n</head>\n<body>\n<header>\n");
  append_element (out, "<h1>", title, "</h1>\n");
  g_string_append (out, "<p class=\"meta\">");
  {
    g_autofree char *line = g_strdup_printf (_("Generated %s · %u statements"), generated,
                                             tp_comparison_get_n_statements (comparison));
    append_text (out, line);
  }
  g_string_append (out, "</p>\n<ul class=\"filters\">");
  for (guint i = 0; i < filters->len; i++)
    append_element (out, "<li>", g_ptr_array_index (filters, i), "</li>");
  g_string_append (out, "</ul>\n</header>\n");
}

static void
append_table_head (GString      *out,
                   TpComparison *comparison)
{
  guint n_sides = tp_comparison_get_n_sides (comparison);

  g_string_append (out, "<table class=\"comparison\">\n<thead><tr><th scope=\"col\" class=\"topic-col\">");
  append_text (out, _("Topic"));
  g_string_append (out, "</th>");
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = tp_comparison_get_side (comparison, s);

      g_string_append (out, "<th scope=\"col\" class=\"side\" data-side=\"");
      append_text (out, side->key);
      g_string_append (out, "\"");
      append_side_style (out, side->color);
      g_string_append (out, ">");
      append_text (out, side->name != NULL ? side->name : side->key);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

static gboolean
tp_report_html_write (TpReportWriter        *writer,
                      TpComparison          *comparison,
                      const TpReportOptions *options,
                      GOutputStream         *stream,
                      GCancellable          *cancellable,
                      GError               **error)
{
  TpReportSink sink;
  guint n_topics = tp_comparison_get_n_topics (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);

  _tp_report_sink_init (&sink, stream, cancellable);
  append_head (sink.buf, comparison, options);

  if (tp_comparison_is_empty (comparison))
    append_element (sink.buf, "<p class=\"empty\">", _tp_report_empty_message (), "</p>\n");
  else
    {
      append_table_head (sink.buf, comparison);
      for (guint t = 0; t < n_topics && sink.error == NULL; t++)
        {
          const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, t);

          if (tp_comparison_topic_is_empty (comparison, t))
            continue;
          g_string_append (sink.buf, "<tr data-topic=\"");
          append_text (sink.buf, topic->key);
          g_string_append (sink.buf, "\"><th scope=\"row\" class=\"topic\">");
          append_text (sink.buf, topic->name != NULL ? topic->name : topic->key);
          g_string_append (sink.buf, "</th>\n");
          for (guint s = 0; s < n_sides; s++)
            {
              const TpLexiconSide *side = tp_comparison_get_side (comparison, s);
              GPtrArray *cell = tp_comparison_get_cell (comparison, t, s);
              guint total = tp_comparison_get_cell_total (comparison, t, s);

              g_string_append (sink.buf, "<td class=\"cell\" data-side=\"");
              append_text (sink.buf, side->key);
              g_string_append (sink.buf, "\"");
              append_side_style (sink.buf, side->color);
              g_string_append (sink.buf, ">\n");
              if (cell == NULL || cell->len == 0)
                append_element (sink.buf, "<p class=\"none\">", _("No statements"), "</p>\n");
              for (guint i = 0; cell != NULL && i < cell->len; i++)
                {
                  append_statement (sink.buf, comparison, g_ptr_array_index (cell, i), options);
                  if (!_tp_report_sink_maybe_flush (&sink))
                    break;
                }
              if (cell != NULL && total > cell->len)
                {
                  g_autofree char *more = g_strdup_printf (_("Showing the newest %u of %u statements"),
                                                           cell->len, total);
                  append_element (sink.buf, "<p class=\"more\">", more, "</p>\n");
                }
              g_string_append (sink.buf, "</td>\n");
            }
          g_string_append (sink.buf, "</tr>\n");
        }
      g_string_append (sink.buf, "</tbody>\n</table>\n");
    }

  g_string_append (sink.buf, "<footer>");
  append_text (sink.buf, _("Every statement cites its article; review status as recorded in Triptych."));
  g_string_append (sink.buf, "</footer>\n</body>\n</html>\n");
  return _tp_report_sink_finish (&sink, error);
}

static const char *
tp_report_html_get_extension (TpReportWriter *writer)
{
  return "html";
}

static const char *
tp_report_html_get_content_type (TpReportWriter *writer)
{
  return "text/html";
}

/* GObject overrides */

static void
tp_report_html_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_html_get_extension;
  iface->get_content_type = tp_report_html_get_content_type;
  iface->write = tp_report_html_write;
}

static void
_tp_report_html_class_init (TpReportHtmlClass *klass)
{
}

static void
_tp_report_html_init (TpReportHtml *self)
{
}
