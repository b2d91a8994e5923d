/* Dashboard charts: each canvas reads its series from the JSON beside it and prints
   numbers the Vietnamese way (1.117.335.103; 90,6%). The table next to every chart
   carries the same figures for screen readers and for copying. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  var PALETTE = ["#0b4a8b", "#198754", "#fd7e14", "#6f42c1", "#0dcaf0", "#d63384", "#20c997", "#ffc107"];

  function format(value, unit) {
    var text = number.format(value);
    if (unit === "%") return text + "%";
    if (unit === "đ") return text + " đ";
    return text;
  }

  // A dashed reference line (the 30% share, 100% of the plan) across the value axis.
  var targetLine = {
    id: "targetLine",
    afterDatasetsDraw: function (chart, args, options) {
      if (options.value === null || options.value === undefined) return;
      var horizontal = chart.options.indexAxis === "y";
      var scale = horizontal ? chart.scales.x : chart.scales.y;
      var at = scale.getPixelForValue(options.value);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#dc3545";
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      if (horizontal) { ctx.moveTo(at, area.top); ctx.lineTo(at, area.bottom); }
      else { ctx.moveTo(area.left, at); ctx.lineTo(area.right, at); }
      ctx.stroke();
      ctx.restore();
    }
  };

  function build(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.kind === "hbar";
    var doughnut = spec.kind === "doughnut";
    var box = canvas.parentElement;
    if (horizontal) {
      var bars = Math.max(spec.labels.length, 1);
      box.style.height = Math.min(Math.max(bars * 30 + 50, 120), 520) + "px";
    }
    var datasets = spec.series.map(function (series, index) {
      var colors = spec.colors && spec.colors.length ? spec.colors : (doughnut ? PALETTE : PALETTE[index % PALETTE.length]);
      return { label: series.label, data: series.data, backgroundColor: colors, borderWidth: doughnut ? 1 : 0, maxBarThickness: 28 };
    });
    var valueAxis = {
      beginAtZero: true,
      ticks: { callback: function (value) { return format(value, spec.unit); }, precision: 0 },
      max: spec.target && spec.unit === "%" ? undefined : undefined
    };
    var categoryAxis = {
      ticks: {
        autoSkip: false,
        callback: function (value) {
          var label = this.getLabelForValue(value);
          return label.length > 28 ? label.slice(0, 26) + "…" : label;
        }
      }
    };
    new Chart(canvas, {
      type: doughnut ? "doughnut" : "bar",
      data: { labels: spec.labels, datasets: datasets },
      plugins: [targetLine],
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        indexAxis: horizontal ? "y" : "x",
        scales: doughnut ? {} : (horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }),
        plugins: {
          legend: { display: doughnut, position: "right", labels: { boxWidth: 12 } },
          targetLine: { value: spec.target },
          tooltip: {
            callbacks: {
              label: function (item) {
                var value = doughnut ? item.parsed : (horizontal ? item.parsed.x : item.parsed.y);
                return " " + format(value, spec.unit);
              }
            }
          }
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(build);
})();
