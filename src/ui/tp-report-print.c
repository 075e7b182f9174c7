/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-print"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-report-layout.h"
#include "tp-report-print.h"

/* Printing a comparison: a GtkPrintOperation that draws the paged layout
 * of the PDF report (tp-report-layout.c) onto the printer's cairo context,
 * measured with the printer's Pango context so what is printed is what
 * the PDF shows, fitted to the paper the user picks. */

typedef struct
{
  TpComparison    *comparison;
  TpReportOptions  options;
  char            *title;
  TpReportLayout  *layout;
} PrintJob;

/* Auxiliary methods */

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->comparison);
  g_clear_object (&job->layout);
  g_free (job->title);
  g_free (job);
}

/* Callbacks */

static void
on_operation_begin_print_cb (GtkPrintOperation *operation,
                             GtkPrintContext   *context,
                             PrintJob          *job)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);

  /* The print context already leaves out the printer's margins. */
  g_clear_object (&job->layout);
  job->layout = tp_report_layout_new (job->comparison, &job->options, pango_context,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context), 0.0);
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, tp_report_layout_get_n_pages (job->layout));
}

static void
on_operation_draw_page_cb (GtkPrintOperation *operation,
                           GtkPrintContext   *context,
                           int                page,
                           PrintJob          *job)
{
  g_return_if_fail (job->layout != NULL);

  tp_report_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page);
}

static void
on_operation_end_print_cb (GtkPrintOperation *operation,
                           GtkPrintContext   *context,
                           PrintJob          *job)
{
  g_clear_object (&job->layout);
}

static void
on_operation_done_cb (GtkPrintOperation       *operation,
                      GtkPrintOperationResult  result,
                      gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      g_warning ("Could not print the comparison: %s", error ? error->message : "unknown error");
    }
}

/* Public API */

/**
 * tp_report_print_operation_new:
 * @comparison: the comparison to print
 * @options: (nullable): title, tags and notes, paper (landscape)
 *
 * Returns: (transfer full): a print operation that prints @comparison
 *   laid out as the PDF report is
 */
GtkPrintOperation *
tp_report_print_operation_new (TpComparison          *comparison,
                               const TpReportOptions *options)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintJob *job;

  g_return_val_if_fail (TP_IS_COMPARISON (comparison), NULL);

  job = g_new0 (PrintJob, 1);
  job->comparison = g_object_ref (comparison);
  if (options != NULL)
    {
      job->options = *options;
      job->title = g_strdup (options->title);
      job->options.title = job->title;
    }

  paper = gtk_paper_size_new (job->options.paper == TP_REPORT_PAPER_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job->title != NULL ? job->title
                                                                  : _("Triptych comparison"));
  g_object_set_data_full (G_OBJECT (operation), "tp-print-job", job,
                          (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_operation_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_operation_draw_page_cb), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_operation_end_print_cb), job);
  return operation;
}

/**
 * tp_report_print:
 * @comparison: the comparison to print
 * @options: (nullable): title, tags and notes, paper
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog and prints @comparison; returns at once.
 */
void
tp_report_print (TpComparison          *comparison,
                 const TpReportOptions *options,
                 GtkWindow             *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TP_IS_COMPARISON (comparison));

  operation = tp_report_print_operation_new (comparison, options);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_operation_done_cb), NULL);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the comparison: %s", error->message);
}
