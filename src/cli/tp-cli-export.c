/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-comparison.h"
#include "tp-report-writer.h"
#include "tp-store.h"

/* triptych-cli export: the comparison the filters select, written as a
 * report file. */

/* Auxiliary methods */

/* "--status confirmed,edited" and "--status confirmed --status edited"
 * both work. */
static gboolean
parse_statuses (char   **values,
                guint   *mask,
                char   **bad)
{
  *mask = 0;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          TpReviewStatus status;

          g_strstrip (parts[j]);
          if (*parts[j] == '\0')
            continue;
          if (!tp_review_status_from_string (parts[j], &status))
            {
              *bad = g_strdup (parts[j]);
              return FALSE;
            }
          *mask |= TP_REVIEW_MASK (status);
        }
    }
  return TRUE;
}

/* Repeated options and comma lists alike become one NULL-terminated list. */
static GStrv
split_list (char **values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (*parts[j] == '\0')
            continue;
          g_strv_builder_add (builder, parts[j]);
          n++;
        }
    }
  if (n == 0)
    return NULL;
  return g_strv_builder_end (builder);
}

/* "moscow, washington, kyiv" from lexicon records whose key sits at @offset. */
static char *
list_keys (GPtrArray *records,
           goffset    offset)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (keys, "%s%s", i ? ", " : "",
                            G_STRUCT_MEMBER (const char *, g_ptr_array_index (records, i), offset));
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static gboolean
is_iso_date (const char *s)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *midnight = NULL;

  if (s == NULL || strlen (s) != 10)
    return FALSE;
  midnight = g_strconcat (s, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (midnight, NULL);
  return dt != NULL;
}

/* Public API */

int
tp_cli_export (int          argc,
               char       **argv,
               const char  *db_path)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *date_from = NULL;
  g_autofree char *date_until = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) side_args = NULL;
  g_auto(GStrv) topic_args = NULL;
  g_auto(GStrv) outlet_args = NULL;
  g_auto(GStrv) language_args = NULL;
  g_auto(GStrv) tag_args = NULL;
  g_auto(GStrv) status_args = NULL;
  g_auto(GStrv) sides = NULL;
  g_auto(GStrv) topics = NULL;
  g_auto(GStrv) outlets = NULL;
  g_auto(GStrv) languages = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean with_notes = FALSE;
  gboolean with_tags = FALSE;
  gboolean bom = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Report format: html, pdf, md, csv, json or odt (default: from the file name)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Report file to write; - writes to standard output"), "FILE" },
    { "side", 0, 0, G_OPTION_ARG_STRING_ARRAY, &side_args, N_("Only this side (repeatable)"), "SIDE" },
    { "topic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &topic_args, N_("Only this topic (repeatable)"), "TOPIC" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &date_from, N_("First date, inclusive"), "YYYY-MM-DD" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &date_until, N_("Last date, inclusive"), "YYYY-MM-DD" },
    { "outlet", 0, 0, G_OPTION_ARG_STRING_ARRAY, &outlet_args, N_("Only this outlet (repeatable)"), "OUTLET" },
    { "language", 0, 0, G_OPTION_ARG_STRING_ARRAY, &language_args,
      N_("Only articles in this language (repeatable)"), "LANG" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tag_args,
      N_("Only statements with this tag (repeatable: any of them)"), "TAG" },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &status_args,
      N_("Only this review status: confirmed, auto, edited or rejected (repeatable)"), "STATUS" },
    { "with-notes", 0, 0, G_OPTION_ARG_NONE, &with_notes, N_("Include each statement’s notes"), NULL },
    { "with-tags", 0, 0, G_OPTION_ARG_NONE, &with_tags, N_("Include each statement’s tags"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("Paper for PDF: a4 (default) or letter"), "PAPER" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Report title"), "TITLE" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, N_("Start CSV with a UTF-8 byte order mark"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write the comparison as a report"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpComparison) comparison = NULL;
  g_autoptr(TpReportWriter) writer = NULL;
  TpComparisonFilter filter = { 0 };
  TpReportOptions options = { 0 };
  TpReportFormat format;
  guint mask = 0;
  g_autofree char *bad = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tp_cli_fail_error ("export", error);
  if (argc > 1)
    return tp_cli_fail (_("export: unexpected argument “%s”"), argv[1]);
  if (output == NULL)
    return tp_cli_fail ("%s", _("export: -o FILE is required"));

  if (format_name == NULL)
    {
      const char *dot = strrchr (output, '.');

      if (dot == NULL || !tp_report_format_from_string (dot + 1, &format))
        return tp_cli_fail ("%s", _("export: --format html|pdf|md|csv|json|odt is required"));
    }
  else if (!tp_report_format_from_string (format_name, &format))
    return tp_cli_fail (_("export: unknown format “%s”; use html, pdf, md, csv, json or odt"), format_name);

  options.paper = TP_REPORT_PAPER_A4;
  if (paper_name != NULL && !tp_report_paper_from_string (paper_name, &options.paper))
    return tp_cli_fail (_("export: unknown paper “%s”; use a4 or letter"), paper_name);
  if (date_from != NULL && !is_iso_date (date_from))
    return tp_cli_fail (_("export: --from needs a date as YYYY-MM-DD, not “%s”"), date_from);
  if (date_until != NULL && !is_iso_date (date_until))
    return tp_cli_fail (_("export: --until needs a date as YYYY-MM-DD, not “%s”"), date_until);
  if (!parse_statuses (status_args, &mask, &bad))
    return tp_cli_fail (_("export: unknown review status “%s”; use confirmed, auto, edited or rejected"),
                        bad);

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return tp_cli_fail (_("export: there is no library at “%s”; import articles first"), db_path);
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    return tp_cli_fail_error ("export", error);

  sides = split_list (side_args);
  topics = split_list (topic_args);
  outlets = split_list (outlet_args);
  languages = split_list (language_args);
  tags = split_list (tag_args);
  filter.date_from = date_from;
  filter.date_until = date_until;
  filter.sides = (const char * const *) sides;
  filter.topics = (const char * const *) topics;
  filter.outlets = (const char * const *) outlets;
  filter.languages = (const char * const *) languages;
  filter.tags = (const char * const *) tags;
  filter.review_mask = mask;
  /* CSV and JSON have tags and notes fields; fill them whenever there. */
  filter.with_annotations = with_notes || with_tags
                            || format == TP_REPORT_FORMAT_CSV || format == TP_REPORT_FORMAT_JSON;

  comparison = tp_comparison_new (store, &filter, &error);
  if (comparison == NULL)
    return tp_cli_fail_error ("export", error);

  /* A mistyped side or topic would give an empty report: say so instead. */
  for (guint i = 0; sides != NULL && sides[i] != NULL; i++)
    if (tp_lexicon_lookup_side (tp_comparison_get_lexicon (comparison), sides[i]) == NULL)
      {
        g_autofree char *known = list_keys (tp_lexicon_get_sides (tp_comparison_get_lexicon (comparison)),
                                            G_STRUCT_OFFSET (TpLexiconSide, key));

        return tp_cli_fail (_("export: the library has no side “%s”; its sides are %s"), sides[i], known);
      }
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    if (tp_lexicon_lookup_topic (tp_comparison_get_lexicon (comparison), topics[i]) == NULL)
      {
        g_autofree char *known = list_keys (tp_lexicon_get_topics (tp_comparison_get_lexicon (comparison)),
                                            G_STRUCT_OFFSET (TpLexiconTopic, key));

        return tp_cli_fail (_("export: the library has no topic “%s”; its topics are %s"), topics[i], known);
      }

  options.title = title;
  options.with_notes = with_notes;
  options.with_tags = with_tags;
  options.csv_bom = bom;
  writer = tp_report_writer_new (format);

  if (g_str_equal (output, "-"))
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (out);

      if (!tp_report_writer_write (writer, comparison, &options, out, NULL, &error)
          || !g_output_stream_close (out, NULL, &error))
        return tp_cli_fail_error ("export", error);
      if (fwrite (g_memory_output_stream_get_data (mem), 1,
                  g_memory_output_stream_get_data_size (mem), stdout)
          != g_memory_output_stream_get_data_size (mem) || fflush (stdout) != 0)
        return tp_cli_fail ("%s", _("export: could not write to standard output"));
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!tp_report_writer_write_file (writer, comparison, &options, file, NULL, &error))
        return tp_cli_fail_error ("export", error);
    }
  return 0;
}
