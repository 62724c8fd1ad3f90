// Live charts: for each chart the server names, its metrics over time for
// your run (solid) and the unchanged run (dashed), and beneath it their
// difference, yours minus unchanged. Lever moves are drawn as red lines.
const colours = ["#1d3557", "#e76f51", "#2a9d8f", "#8338ec"];

function markerPlugin(markers) {
  return {
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = "#c1121f";
          ctx.lineWidth = 2;
          for (const marker of markers) {
            const x = u.valToPos(marker.day, "x", true);
            if (!Number.isFinite(x)) continue;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

function width(element) {
  return Math.max(360, element.clientWidth - 10);
}

export class Charts {
  constructor(container, model) {
    this.container = container;
    this.model = model;
    this.markers = [];
    this.plots = [];
    this.clear([]);
  }

  // A new start: `metrics` are the charted metrics in the order rows give
  // them; `runs` the labels of the runs.
  clear(metrics, runs = ["yours"]) {
    this.metrics = metrics;
    this.runs = runs;
    this.times = [];
    this.values = runs.map(() => metrics.map(() => []));
    this.markers.length = 0;
    this.container.replaceChildren();
    this.plots = [];
    const units = new Map(this.model.metrics.map((m) => [m.name, m.unit]));
    for (const chart of this.model.charts) {
      const indices = chart.metrics.map((name) => metrics.indexOf(name)).filter((i) => i >= 0);
      const box = document.createElement("div");
      box.className = "chart";
      box.dataset.title = chart.title;
      const title = document.createElement("h3");
      title.textContent = chart.title;
      box.append(title);
      this.container.append(box);
      const series = [{ label: "day" }];
      const axes = [{ label: "day" }];
      const scales = { x: { time: false } };
      indices.forEach((metric, k) => {
        const name = metrics[metric];
        const scale = `s${k}`;
        scales[scale] = {};
        axes.push({ scale, label: `${name} (${units.get(name)})`, side: k === 0 ? 3 : 1,
          grid: { show: k === 0 }, stroke: colours[k] });
        runs.forEach((run, r) => {
          series.push({ label: `${name} ${run}`, scale, stroke: colours[k], width: r === 0 ? 2 : 1.5,
            dash: r === 0 ? undefined : [6, 4] });
        });
      });
      const main = new uPlot({ width: width(box), height: 220, series, axes, scales,
        plugins: [markerPlugin(this.markers)], legend: { live: false } },
        [[], ...series.slice(1).map(() => [])], box);
      let difference = null;
      if (runs.length > 1) {
        const heading = document.createElement("p");
        heading.className = "difference-title";
        heading.textContent = "difference: yours minus unchanged";
        box.append(heading);
        const dseries = [{ label: "day" }];
        const dscales = { x: { time: false } };
        const daxes = [{}];
        indices.forEach((metric, k) => {
          dscales[`d${k}`] = {};
          daxes.push({ scale: `d${k}`, side: k === 0 ? 3 : 1, grid: { show: k === 0 }, stroke: colours[k] });
          dseries.push({ label: `${metrics[metric]} difference`, scale: `d${k}`, stroke: colours[k], width: 2 });
        });
        difference = new uPlot({ width: width(box), height: 110, series: dseries, axes: daxes,
          scales: dscales, plugins: [markerPlugin(this.markers)], legend: { live: false } },
          [[], ...dseries.slice(1).map(() => [])], box);
      }
      this.plots.push({ indices, main, difference, title: chart.title });
    }
    this.pending = false;
  }

  addRow(run, time, values) {
    if (run === 0) this.times.push(time);
    values.forEach((v, i) => this.values[run][i].push(v === null ? NaN : v));
    this.schedule();
  }

  addMarker(marker) {
    this.markers.push(marker);
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.redraw();
    });
  }

  redraw() {
    for (const plot of this.plots) {
      const data = [this.times];
      for (const metric of plot.indices)
        for (let r = 0; r < this.runs.length; ++r) data.push(this.values[r][metric].slice(0, this.times.length));
      plot.main.setData(data);
      if (plot.difference) {
        const ddata = [this.times];
        for (const metric of plot.indices) {
          const a = this.values[0][metric], b = this.values[1][metric];
          ddata.push(this.times.map((_, i) => (i < b.length ? a[i] - b[i] : null)));
        }
        plot.difference.setData(ddata);
      }
    }
  }
}
