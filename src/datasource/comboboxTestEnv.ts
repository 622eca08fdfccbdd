/**
 * Browser APIs the Grafana Combobox needs and jsdom lacks: text metrics for sizing,
 * element sizes for the virtualized option list, and the observers it subscribes to.
 * Call from a test file's top level.
 */
export function setUpComboboxEnvironment() {
  beforeAll(() => {
    jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockReturnValue({ measureText: (text: string) => ({ width: text.length * 8 }) } as unknown as RenderingContext);
    jest.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
      width: 400,
      height: 400,
      top: 0,
      left: 0,
      bottom: 400,
      right: 400,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    jest.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(400);
    jest.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(400);
    class NoopObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    }
    Object.assign(global, { IntersectionObserver: NoopObserver, ResizeObserver: NoopObserver });
  });
}
