/**
 * A slider under a view that redraws the view when it moves: the stories' way of letting a play function (or a
 * reader) change one parameter without Storybook's controls. Returns the label holding the slider, and the first view.
 */
export function liveSlider(options: {
  label: string;
  role: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format: (value: number) => string;
  draw: (value: number) => HTMLElement;
}): { control: HTMLLabelElement; view: HTMLElement } {
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = String(options.min);
  slider.max = String(options.max);
  slider.step = String(options.step);
  slider.value = String(options.value);
  slider.dataset.role = options.role;
  const shown = document.createElement("span");
  shown.textContent = ` ${options.format(options.value)}`;
  const control = document.createElement("label");
  control.append(`${options.label} `, slider, shown);
  let view = options.draw(options.value);
  slider.addEventListener("input", () => {
    const value = Number(slider.value);
    shown.textContent = ` ${options.format(value)}`;
    const next = options.draw(value);
    view.replaceWith(next);
    view = next;
  });
  return { control, view };
}
