/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tp-comparison.h"
#include "tp-report-writer.h"

G_BEGIN_DECLS

GtkPrintOperation *tp_report_print_operation_new (TpComparison          *comparison,
                                                  const TpReportOptions *options);
void               tp_report_print               (TpComparison          *comparison,
                                                  const TpReportOptions *options,
                                                  GtkWindow             *parent);

G_END_DECLS
