/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tp-report-layout.h"
#include "tp-report-writer.h"

G_BEGIN_DECLS

/* Shared by the report writers; not part of the report API. */

/* A buffered text sink over an output stream: writers append to @buf and
 * call _tp_report_sink_maybe_flush() now and then, so a large report never
 * sits whole in memory and a write error stops the writer early. */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buf;
  GError        *error;
} TpReportSink;

void         _tp_report_sink_init          (TpReportSink   *sink,
                                            GOutputStream  *stream,
                                            GCancellable   *cancellable);
gboolean     _tp_report_sink_maybe_flush   (TpReportSink   *sink);
gboolean     _tp_report_sink_finish        (TpReportSink   *sink,
                                            GError        **error);

const char  *_tp_report_title              (const TpReportOptions *options);
const char  *_tp_report_review_label       (TpReviewStatus  status);
const char  *_tp_report_kind_label         (TpStatementKind kind);
const char  *_tp_report_empty_message      (void);
char        *_tp_report_safe_url           (const char     *url);
const char  *_tp_report_safe_color         (const char     *color);
char        *_tp_report_source_file        (TpArticle      *article);
char        *_tp_report_period             (TpComparison   *comparison);
GPtrArray   *_tp_report_describe_filters   (TpComparison   *comparison);
char        *_tp_report_join_topics        (TpComparison   *comparison,
                                            TpStatement    *statement,
                                            const char     *separator);
char        *_tp_report_join_tags          (TpComparisonItem *item,
                                            const char       *separator);
const char  *_tp_report_topic_name         (TpComparison   *comparison,
                                            const char     *key);
const char  *_tp_report_side_name          (TpComparison   *comparison,
                                            const char     *key);
GPtrArray   *_tp_report_unique_items       (TpComparison   *comparison);
const char  *_tp_report_item_date          (TpComparisonItem *item);
char        *_tp_report_generated_display  (TpComparison   *comparison);

void         _tp_report_page_size          (TpReportPaper   paper,
                                            double         *width,
                                            double         *height);

TpReportLayout *_tp_report_layout_new_full (TpComparison          *comparison,
                                            const TpReportOptions *options,
                                            PangoContext          *context,
                                            double                 page_width,
                                            double                 page_height,
                                            double                 margin,
                                            guint                  n_threads);

GType        _tp_report_html_get_type      (void);
GType        _tp_report_pdf_get_type       (void);
GType        _tp_report_markdown_get_type  (void);
GType        _tp_report_csv_get_type       (void);
GType        _tp_report_json_get_type      (void);
GType        _tp_report_odt_get_type       (void);

G_END_DECLS
