/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tp-report-private.h"

/* CSV as RFC 4180 has it: CRLF between records, a header record, fields
 * quoted when they hold a comma, a quote or a line break, quotes doubled.
 * One record per statement; the columns are machine-readable keys, not
 * translated labels, so spreadsheets and scripts can rely on them.
 *
 * Every text field comes from articles, feeds or the user, and a
 * spreadsheet opening the file runs a cell that starts with "=", "+", "-",
 * "@", a tab or a carriage return as a formula ("=HYPERLINK(...)",
 * "=cmd|' /C calc'!A0"). Such a text field gets a leading single quote, as
 * OWASP's CSV injection advice has it; spreadsheets show it as text. The
 * rule has no exception for text that looks like a number ("-5", "-1,5",
 * "+84 24 ...", "-5%"): which strings a spreadsheet reads as a number depends
 * on the program and the locale, and a guess that is too generous lets a
 * formula through. Numbers Triptych writes itself (the statement id, the
 * CLI's article ids and confidences) are fields of kind
 * TP_REPORT_CSV_NUMBER and stay as they are. */

struct _TpReportCsv
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportCsv, _tp_report_csv, TP, REPORT_CSV, GObject)

static void tp_report_csv_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportCsv, _tp_report_csv, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_csv_writer_init))

static const char * const columns[] = {
  "id", "side", "actor", "speaker", "kind", "text", "topics", "tags", "notes", "said_on",
  "outlet", "article_title", "source", "published", "review_status",
};

/* Auxiliary methods */

/* Spreadsheet programs take these first characters as the start of a
 * formula; tab and carriage return because some strip leading white space
 * before they look. */
static gboolean
looks_like_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  tp_report_csv_append_field (out, value, TP_REPORT_CSV_TEXT, last);
}

static char *
join_notes (TpComparisonItem *item)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; item->notes != NULL && i < item->notes->len; i++)
    {
      TpNote *note = g_ptr_array_index (item->notes, i);

      if (i > 0)
        g_string_append_c (s, '\n');
      if (note->created != NULL)
        g_string_append_printf (s, "[%s] ", note->created);
      g_string_append (s, note->text != NULL ? note->text : "");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
append_record (GString          *out,
               TpComparison     *comparison,
               TpComparisonItem *item)
{
  TpStatement *s = item->statement;
  TpArticle *a = item->article;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
  g_autofree char *topics = NULL;
  g_autofree char *tags = _tp_report_join_tags (item, "; ");
  g_autofree char *notes = join_notes (item);
  g_autofree char *file = _tp_report_source_file (a);

  /* Topic keys, not labels: the same file must read the same in any locale. */
  if (s->topics != NULL && s->topics->len > 0)
    {
      g_autoptr(GString) t = g_string_new (NULL);

      for (guint i = 0; i < s->topics->len; i++)
        g_string_append_printf (t, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (s->topics, i));
      topics = g_string_free (g_steal_pointer (&t), FALSE);
    }

  tp_report_csv_append_field (out, id, TP_REPORT_CSV_NUMBER, FALSE);
  append_field (out, s->side, FALSE);
  append_field (out, s->actor, FALSE);
  append_field (out, s->speaker, FALSE);
  append_field (out, tp_statement_kind_to_string (s->kind), FALSE);
  append_field (out, s->text, FALSE);
  append_field (out, topics, FALSE);
  append_field (out, tags, FALSE);
  append_field (out, notes, FALSE);
  append_field (out, s->said_on, FALSE);
  append_field (out, a->outlet, FALSE);
  append_field (out, a->title, FALSE);
  append_field (out, a->url != NULL && *a->url != '\0' ? a->url : file, FALSE);
  append_field (out, a->published, FALSE);
  append_field (out, tp_review_status_to_string (s->review), TRUE);
}

static gboolean
tp_report_csv_write (TpReportWriter        *writer,
                     TpComparison          *comparison,
                     const TpReportOptions *options,
                     GOutputStream         *stream,
                     GCancellable          *cancellable,
                     GError               **error)
{
  TpReportSink sink;
  g_autoptr(GPtrArray) items = _tp_report_unique_items (comparison);

  _tp_report_sink_init (&sink, stream, cancellable);
  if (options->csv_bom)
    g_string_append (sink.buf, "\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_field (sink.buf, columns[i], i + 1 == G_N_ELEMENTS (columns));
  /* An empty comparison is a header and no records: still a valid file
   * that every reader opens. */
  for (guint i = 0; i < items->len; i++)
    {
      append_record (sink.buf, comparison, g_ptr_array_index (items, i));
      if (!_tp_report_sink_maybe_flush (&sink))
        break;
    }
  return _tp_report_sink_finish (&sink, error);
}

static const char *
tp_report_csv_get_extension (TpReportWriter *writer)
{
  return "csv";
}

static const char *
tp_report_csv_get_content_type (TpReportWriter *writer)
{
  return "text/csv";
}

/* GObject overrides */

static void
tp_report_csv_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_csv_get_extension;
  iface->get_content_type = tp_report_csv_get_content_type;
  iface->write = tp_report_csv_write;
}

static void
_tp_report_csv_class_init (TpReportCsvClass *klass)
{
}

static void
_tp_report_csv_init (TpReportCsv *self)
{
}

/* Public API */

/**
 * tp_report_csv_append_field:
 * @out: the CSV text being written
 * @value: (nullable): the field's value; %NULL writes an empty field
 * @cell: %TP_REPORT_CSV_TEXT for text that came from articles, feeds or the
 *   user, %TP_REPORT_CSV_NUMBER for a number the program formatted itself
 * @last: whether the field ends its record
 *
 * Appends one RFC 4180 field and its separator (a comma, or CRLF after the
 * last field of a record). A text field that a spreadsheet would run as a
 * formula (it starts with "=", "+", "-", "@", a tab or a carriage return)
 * gets a leading single quote. Invalid UTF-8 is replaced.
 */
void
tp_report_csv_append_field (GString         *out,
                            const char      *value,
                            TpReportCsvCell  cell,
                            gboolean         last)
{
  g_autofree char *valid = NULL;
  g_autofree char *neutral = NULL;

  g_return_if_fail (out != NULL);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  if (value != NULL && cell == TP_REPORT_CSV_TEXT && looks_like_formula (value))
    value = neutral = g_strconcat ("'", value, NULL);
  if (value != NULL && strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (value != NULL)
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}
