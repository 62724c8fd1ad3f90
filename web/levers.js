// Sliders and switches for a model's levers, made from the parameter
// registry the server sends (/api/models/<name>): each with its unit, range,
// one-line meaning and a link to where the ODD defines it.
function step(lever) {
  if (lever.type === "integer") return 1;
  const span = lever.max - lever.min;
  return span > 0 ? span / 100 : 0.01;
}

function shown(value) {
  return typeof value === "number" ? String(Number(value.toPrecision(6))) : String(value);
}

// Builds the lever panel in `container`; onChange(name, value) is called when
// the student moves one. Returns {values(), set(name, value), reset(values)}.
export function buildLevers(container, levers, onChange) {
  container.replaceChildren();
  const inputs = new Map();
  let start = {};
  for (const lever of levers) {
    const box = document.createElement("div");
    box.className = "lever";
    box.dataset.name = lever.name;
    const title = document.createElement("div");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = lever.name;
    const odd = document.createElement("a");
    odd.href = `odd.html#${encodeURIComponent(lever.name)}`;
    odd.target = "_blank";
    odd.textContent = " ODD";
    odd.title = "Where the model description (docs/ODD.md) defines and uses it";
    title.append(name, odd);
    const meaning = document.createElement("div");
    meaning.className = "meaning";
    const unit = lever.unit && lever.unit !== "1" ? `, ${lever.unit}` : "";
    meaning.textContent = `${lever.description} (${lever.min}..${lever.max}${unit}; ${lever.source})`;
    const row = document.createElement("div");
    row.className = "row";
    let read, write;
    if (lever.type === "boolean") {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.setAttribute("aria-label", lever.name);
      box.addEventListener("change", () => onChange(lever.name, box.checked));
      row.append(box);
      read = () => box.checked;
      write = (v) => { box.checked = Boolean(v); };
    } else {
      const slider = document.createElement("input");
      slider.type = "range";
      slider.min = lever.min;
      slider.max = lever.max;
      slider.step = step(lever);
      slider.setAttribute("aria-label", lever.name);
      const number = document.createElement("input");
      number.type = "number";
      number.step = "any";
      number.setAttribute("aria-label", `${lever.name} value`);
      // The number box takes any text: the server checks it as it checks a
      // scenario file, and the page shows its message.
      const parse = (text) => (lever.type === "integer" ? parseInt(text, 10) : parseFloat(text));
      slider.addEventListener("input", () => { number.value = shown(parse(slider.value)); });
      slider.addEventListener("change", () => onChange(lever.name, parse(slider.value)));
      number.addEventListener("change", () => {
        const value = number.value.trim() === "" ? number.value : Number(number.value);
        slider.value = value;
        onChange(lever.name, value);
      });
      row.append(slider, number);
      read = () => (number.value.trim() === "" ? number.value : Number(number.value));
      write = (v) => { slider.value = v; number.value = shown(v); };
    }
    box.append(title, meaning, row);
    container.append(box);
    inputs.set(lever.name, { read, write, box });
  }
  const mark = () => {
    for (const [name, input] of inputs)
      input.box.classList.toggle("changed", input.read() !== start[name]);
  };
  return {
    // The values that differ from the scenario's: the page's overrides.
    changed() {
      const values = {};
      for (const [name, input] of inputs) if (input.read() !== start[name]) values[name] = input.read();
      return values;
    },
    reset(values) {
      start = { ...values };
      for (const [name, input] of inputs) if (name in values) input.write(values[name]);
      mark();
    },
    mark,
  };
}
