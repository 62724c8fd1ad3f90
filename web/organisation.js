// The organisation view: one trust's board, its managers and their wards,
// coloured by fear or harm; a click on a ward shows its state.
const svgNS = "http://www.w3.org/2000/svg";

function element(name, attributes) {
  const node = document.createElementNS(svgNS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

// White (low) to dark red (high), `share` in [0, 1].
function colour(share) {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const g = Math.round(245 - 200 * s), b = Math.round(240 - 210 * s);
  return `rgb(${Math.round(250 - 90 * s)},${g},${b})`;
}

function format(value) {
  return value === null || !Number.isFinite(value) ? "–" : Number(value.toPrecision(4)).toString();
}

export class Organisation {
  constructor(container, details) {
    this.container = container;
    this.details = details;
    this.selected = -1;
    this.view = null;
  }

  show(view, colourBy) {
    this.view = view;
    this.colourBy = colourBy;
    const field = view.fields.indexOf(colourBy);
    const parts = view.parts;
    const wards = parts.map((p, i) => [p, i]).filter(([p]) => p.role === "ward");
    const managers = parts.map((p, i) => [p, i]).filter(([p]) => p.role === "manager");
    // Fear is a share; harm is scaled to the worst ward shown.
    const values = wards.map(([p]) => p.values[field]).filter(Number.isFinite);
    const top = colourBy === "fear" ? 1 : Math.max(1e-9, ...values);
    const cell = 26, gap = 6;
    const columns = Math.max(1, managers.length);
    const perManager = managers.map(([, i]) => wards.filter(([p]) => p.parent === i));
    const tallest = Math.max(1, ...perManager.map((w) => w.length));
    const rowsPerColumn = Math.min(tallest, 8);
    const wardColumns = perManager.map((w) => Math.max(1, Math.ceil(w.length / rowsPerColumn)));
    const columnWidth = wardColumns.map((c) => c * (cell + gap) + 12);
    const width = Math.max(300, columnWidth.reduce((a, b) => a + b, 0) + 20);
    const height = 110 + rowsPerColumn * (cell + gap) + 10;
    const svg = element("svg", { width, height, role: "img", "aria-label": "organisation of one trust" });
    const fearIndex = view.fields.indexOf("fear");
    const board = parts.findIndex((p) => p.role === "board");
    if (board >= 0) {
      const b = parts[board];
      svg.append(element("rect", { x: width / 2 - 60, y: 8, width: 120, height: 26, rx: 4,
        fill: colour(b.values[fearIndex]), stroke: "#333" }));
      const t = element("text", { x: width / 2, y: 26, "text-anchor": "middle", "font-size": 12 });
      t.textContent = `board (fear ${format(b.values[fearIndex])})`;
      svg.append(t);
    }
    let x = 10;
    managers.forEach(([m], k) => {
      const cx = x + columnWidth[k] / 2;
      svg.append(element("line", { x1: width / 2, y1: 34, x2: cx, y2: 56, stroke: "#999" }));
      svg.append(element("circle", { cx, cy: 66, r: 10, fill: colour(m.values[fearIndex]), stroke: "#333" }));
      perManager[k].forEach(([w, index], j) => {
        const col = Math.floor(j / rowsPerColumn), row = j % rowsPerColumn;
        const share = w.values[field] / top;
        const rect = element("rect", { x: x + 6 + col * (cell + gap), y: 90 + row * (cell + gap),
          width: cell, height: cell, fill: colour(share), class: "ward", "data-part": index });
        if (index === this.selected) rect.classList.add("selected");
        rect.addEventListener("click", () => { this.selected = index; this.show(this.view, this.colourBy); });
        const tip = element("title", {});
        tip.textContent = `ward ${index - managers.length - 1} · ${colourBy} ${format(w.values[field])}`;
        rect.append(tip);
        svg.append(rect);
      });
      x += columnWidth[k];
    });
    this.container.replaceChildren(svg);
    this.showDetails();
  }

  showDetails() {
    const part = this.view && this.view.parts[this.selected];
    if (!part) {
      this.details.textContent = "Click a ward to see its state.";
      return;
    }
    const table = document.createElement("table");
    const managers = this.view.parts.filter((p) => p.role === "manager").length;
    const caption = document.createElement("caption");
    caption.textContent = `Ward ${this.selected - managers - 1} (manager ${part.parent - 1})`;
    table.append(caption);
    this.view.fields.forEach((field, i) => {
      const row = table.insertRow();
      row.insertCell().textContent = field;
      row.insertCell().textContent = format(part.values[i]);
      row.insertCell().textContent = this.view.units[i];
    });
    this.details.replaceChildren(table);
  }
}
