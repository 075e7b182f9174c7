/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "tp-report-writer.h"

G_BEGIN_DECLS

/* The paged layout of a comparison: a header with the title, date range
 * and filters, then a table with one column per side and one row per
 * topic, repeated column headings on every page and page numbers. Rows
 * and cells that do not fit continue on the next page. The PDF writer
 * draws it onto a cairo PDF surface; printing from the GUI draws the same
 * layout onto the printer's cairo context. Units are points. */

#define TP_TYPE_REPORT_LAYOUT (tp_report_layout_get_type ())

G_DECLARE_FINAL_TYPE (TpReportLayout, tp_report_layout, TP, REPORT_LAYOUT, GObject)

TpReportLayout *tp_report_layout_new         (TpComparison          *comparison,
                                              const TpReportOptions *options,
                                              PangoContext          *context,
                                              double                 page_width,
                                              double                 page_height,
                                              double                 margin);
guint           tp_report_layout_get_n_pages (TpReportLayout        *self);
void            tp_report_layout_draw_page   (TpReportLayout        *self,
                                              cairo_t               *cr,
                                              guint                  page);

G_END_DECLS
