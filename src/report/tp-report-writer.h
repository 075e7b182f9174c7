/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-comparison.h"

G_BEGIN_DECLS

/* Writing a comparison as a report file. Each format is one TpReportWriter;
 * tp_report_writer_new() picks the writer for a format. A writer only reads
 * the comparison, so a report can be written on a worker thread while the
 * GUI keeps showing the same comparison. */

#define TP_REPORT_ERROR (tp_report_error_quark ())

typedef enum
{
  TP_REPORT_ERROR_FORMAT,   /* unknown format or paper name */
  TP_REPORT_ERROR_WRITE,    /* the output could not be written */
  TP_REPORT_ERROR_RENDER,   /* cairo failed to draw the PDF */
} TpReportError;

typedef enum
{
  TP_REPORT_FORMAT_HTML,
  TP_REPORT_FORMAT_PDF,
  TP_REPORT_FORMAT_MARKDOWN,
  TP_REPORT_FORMAT_CSV,
  TP_REPORT_FORMAT_JSON,
  TP_REPORT_FORMAT_ODT,
} TpReportFormat;

typedef enum
{
  TP_REPORT_PAPER_A4,
  TP_REPORT_PAPER_LETTER,
} TpReportPaper;

/* The version of the JSON report layout (data/report-schema.json). */
#define TP_REPORT_SCHEMA_VERSION 1

/**
 * TpReportOptions:
 * @title: (nullable): the report's title; %NULL gives a default one
 * @with_tags: show each statement's tags (HTML, PDF, Markdown; CSV and JSON
 *   always have a tags field, filled when the comparison loaded annotations)
 * @with_notes: show each statement's notes, likewise
 * @paper: paper size for PDF and the HTML print stylesheet (landscape)
 * @csv_bom: start CSV output with a UTF-8 byte order mark (for spreadsheet
 *   programs that otherwise guess the encoding)
 *
 * How to write a report. Zero-initialise and set what you need; a %NULL
 * options pointer means all defaults.
 */
typedef struct
{
  const char    *title;
  gboolean       with_tags;
  gboolean       with_notes;
  TpReportPaper  paper;
  gboolean       csv_bom;
} TpReportOptions;

/**
 * TpReportCsvCell:
 * @TP_REPORT_CSV_TEXT: text from articles, feeds or the user
 * @TP_REPORT_CSV_NUMBER: a number the program formatted itself
 *
 * What a CSV field holds, for tp_report_csv_append_field().
 */
typedef enum
{
  TP_REPORT_CSV_TEXT,
  TP_REPORT_CSV_NUMBER,
} TpReportCsvCell;

#define TP_TYPE_REPORT_WRITER (tp_report_writer_get_type ())

G_DECLARE_INTERFACE (TpReportWriter, tp_report_writer, TP, REPORT_WRITER, GObject)

struct _TpReportWriterInterface
{
  GTypeInterface parent_iface;

  const char *(*get_extension)    (TpReportWriter        *self);
  const char *(*get_content_type) (TpReportWriter        *self);
  gboolean    (*write)            (TpReportWriter        *self,
                                   TpComparison          *comparison,
                                   const TpReportOptions *options,
                                   GOutputStream         *stream,
                                   GCancellable          *cancellable,
                                   GError               **error);
};

GQuark          tp_report_error_quark           (void);

const char     *tp_report_format_to_string      (TpReportFormat         format);
gboolean        tp_report_format_from_string    (const char            *str,
                                                 TpReportFormat        *format);
gboolean        tp_report_paper_from_string     (const char            *str,
                                                 TpReportPaper         *paper);

TpReportWriter *tp_report_writer_new            (TpReportFormat         format);

const char     *tp_report_writer_get_extension  (TpReportWriter        *self);
const char     *tp_report_writer_get_content_type (TpReportWriter      *self);
gboolean        tp_report_writer_write          (TpReportWriter        *self,
                                                 TpComparison          *comparison,
                                                 const TpReportOptions *options,
                                                 GOutputStream         *stream,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
gboolean        tp_report_writer_write_file     (TpReportWriter        *self,
                                                 TpComparison          *comparison,
                                                 const TpReportOptions *options,
                                                 GFile                 *file,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void            tp_report_writer_write_file_async  (TpReportWriter        *self,
                                                    TpComparison          *comparison,
                                                    const TpReportOptions *options,
                                                    GFile                 *file,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
gboolean        tp_report_writer_write_file_finish (TpReportWriter        *self,
                                                    GAsyncResult          *result,
                                                    GError               **error);

void            tp_report_csv_append_field         (GString               *out,
                                                    const char            *value,
                                                    TpReportCsvCell        cell,
                                                    gboolean               last);

G_END_DECLS
