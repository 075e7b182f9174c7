/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "tp-report-layout.h"
#include "tp-report-private.h"

/* PDF through cairo: the paged layout of tp-report-layout.c drawn onto a
 * PDF surface that streams into the output. */

#define PDF_MARGIN 34.0

struct _TpReportPdf
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportPdf, _tp_report_pdf, TP, REPORT_PDF, GObject)

static void tp_report_pdf_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportPdf, _tp_report_pdf, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_pdf_writer_init))

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} PdfOutput;

/* Auxiliary methods */

static cairo_status_t
write_pdf_data (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  PdfOutput *out = closure;

  if (out->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (out->stream, data, length, NULL, out->cancellable, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
tp_report_pdf_write (TpReportWriter        *writer,
                     TpComparison          *comparison,
                     const TpReportOptions *options,
                     GOutputStream         *stream,
                     GCancellable          *cancellable,
                     GError               **error)
{
  /* cairo hands over the PDF in small pieces, often a few bytes each:
   * buffer them rather than make a system call per piece. */
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, 256 * 1024);
  PdfOutput out = { buffered, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  g_autoptr(TpReportLayout) layout = NULL;
  cairo_font_options_t *font_options;
  cairo_status_t status;
  double width, height;
  guint n_pages;
  gboolean cancelled = FALSE;

  /* The caller owns @stream and closes it. */
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  _tp_report_page_size (options->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_pdf_data, &out, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _tp_report_title (options));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Triptych " PACKAGE_VERSION);
  cr = cairo_create (surface);

  /* Unhinted metrics: the layout is measured for print, not for a screen. */
  context = pango_cairo_create_context (cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  /* One unit is one point, as on a printer's context: sizes mean the same. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_destroy (font_options);

  layout = _tp_report_layout_new_full (comparison, options, context, width, height, PDF_MARGIN,
                                       MIN (g_get_num_processors (), 4));
  n_pages = tp_report_layout_get_n_pages (layout);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable) || out.error != NULL)
        {
          cancelled = TRUE;
          break;
        }
      tp_report_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  g_clear_object (&layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (out.error == NULL)
    g_output_stream_flush (buffered, cancellable, &out.error);
  if (out.error != NULL)
    {
      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE,
                   _("Could not write the report: %s"), out.error->message);
      g_clear_error (&out.error);
      return FALSE;
    }
  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_RENDER,
                   _("Could not draw the PDF report: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static const char *
tp_report_pdf_get_extension (TpReportWriter *writer)
{
  return "pdf";
}

static const char *
tp_report_pdf_get_content_type (TpReportWriter *writer)
{
  return "application/pdf";
}

/* GObject overrides */

static void
tp_report_pdf_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_pdf_get_extension;
  iface->get_content_type = tp_report_pdf_get_content_type;
  iface->write = tp_report_pdf_write;
}

static void
_tp_report_pdf_class_init (TpReportPdfClass *klass)
{
}

static void
_tp_report_pdf_init (TpReportPdf *self)
{
}
