import React, { useState } from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

import { setUpComboboxEnvironment } from '../comboboxTestEnv';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from '../types';
import { InferenceSection } from './InferenceSection';
import type { InferenceSettings, MappingPreview, TableColumn } from './inference';
import { AFTER_SAVE_DELAY_MS } from './inferenceResources';

setUpComboboxEnvironment();

const get = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ get }),
}));

type Settings = DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;

const CANARY = 'inference-secret-do-not-show';
const SECRET_KEYS = ['inference.password', 'inference.tlsCACert', 'inference.tlsClientCert', 'inference.tlsClientKey'];

const COLUMNS: TableColumn[] = [
  { name: 'ts', type: 'timestamp with time zone', class: 'time', nullable: false },
  { name: 'model_id', type: 'text', class: 'text', nullable: false },
  { name: 'score', type: 'double precision', class: 'float', nullable: true },
  { name: 'label', type: 'double precision', class: 'float', nullable: true },
  { name: 'income', type: 'double precision', class: 'float', nullable: true },
  { name: 'region', type: 'text', class: 'text', nullable: true },
];

const PREVIEW: MappingPreview = {
  columns: ['ts', 'model_id', 'score', 'label'],
  rows: [
    ['2026-11-20 10:00:00+00', 'churn', '0.81', null],
    ['2026-11-20 10:00:01+00', 'churn', '0.12', '0'],
  ],
};

const SAVED: InferenceSettings = {
  connector: 'postgres',
  url: 'db.internal:5432',
  database: 'ml',
  user: 'grafana_reader',
  table: 'public.predictions',
  timeColumn: 'ts',
  modelColumn: 'model_id',
  scoreColumn: 'score',
  labelColumn: 'label',
};

/** Renders the section over live state with a saved data source (uid, version), as Grafana's settings page does. */
function setup(inference: InferenceSettings | undefined, secureJsonFields: Record<string, boolean> = {}) {
  const last: { current?: Settings } = {};
  function Page() {
    const [options, setOptions] = useState({
      id: 1,
      uid: 'aiperf-pg',
      version: 3,
      name: 'Fleet',
      type: 'aiperf-monitor-datasource',
      jsonData: { demoEnabled: false, inference },
      secureJsonFields,
      secureJsonData: Object.fromEntries(SECRET_KEYS.map((k) => [k, CANARY])),
    } as unknown as Settings);
    return (
      <InferenceSection
        options={options}
        onOptionsChange={(next) => {
          last.current = next;
          setOptions(next);
        }}
      />
    );
  }
  const view = render(<Page />);
  return {
    ...view,
    last,
    user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }),
  };
}

/** Answers the two resources as the backend does for a saved, reachable table. */
function serveTable(columns: TableColumn[] = COLUMNS, preview: MappingPreview = PREVIEW) {
  get.mockImplementation((url: string) => Promise.resolve(url.endsWith('/inference/columns') ? columns : preview));
}

beforeEach(() => {
  get.mockReset();
  serveTable();
});

// Lets the resources a test did not wait for settle inside act.
afterEach(() => act(async () => {}));

describe('InferenceSection', () => {
  it('chooses PostgreSQL and asks for its host, database, user and table by name', async () => {
    const { last, user } = setup(undefined);
    expect(screen.queryByLabelText(/^Host/)).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('PostgreSQL'));
    expect(last.current?.jsonData.inference).toEqual({ connector: 'postgres' });
    expect(screen.getByText(/^is empty: give the server as host or host:port/)).toBeInTheDocument();
    expect(screen.getByText(/^is empty: name the database/)).toBeInTheDocument();
    expect(screen.getByText(/^is empty: name a user that may SELECT/)).toBeInTheDocument();
    expect(screen.getByText(/^is empty: name the table or view of predictions/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Host/), { target: { value: 'db.internal:5432' } });
    expect(last.current?.jsonData.inference).toEqual({ connector: 'postgres', url: 'db.internal:5432' });
    expect(screen.queryByText(/give the server as host or host:port/)).not.toBeInTheDocument();
  });

  it('says what is wrong with a host given as a URL or with a bad port', () => {
    const first = setup({ ...SAVED, url: 'postgres://u:p@db:5432/ml' });
    expect(screen.getByText(/must be host or host:port, not a URL/)).toBeInTheDocument();
    first.unmount();
    setup({ ...SAVED, url: 'db:99999' });
    expect(screen.getByText('has port 99999: use a number from 1 to 65535')).toBeInTheDocument();
  });

  it('bounds the connection limits and states their defaults', () => {
    const { last } = setup(SAVED);
    expect(screen.getByLabelText(/^Statement timeout/)).toHaveAttribute('placeholder', '60');
    fireEvent.change(screen.getByLabelText(/^Max open connections/), { target: { value: '500' } });
    expect(last.current?.jsonData.inference).toEqual({ ...SAVED, maxOpenConns: 500 });
    expect(screen.getByText(/must be a whole number between 1 and 100 \(got 500\); empty means 4/)).toBeInTheDocument();
  });

  it('files the password and TLS material under inference.* and shows them only as configured', async () => {
    const fields = Object.fromEntries(SECRET_KEYS.map((k) => [k, true]));
    const { container, last, user } = setup({ ...SAVED, tlsMode: 'verify-full' }, fields);
    expect(container.innerHTML).not.toContain(CANARY);
    expect(screen.getAllByRole('button', { name: 'Reset' })).toHaveLength(4);
    await user.click(screen.getAllByRole('button', { name: 'Reset' })[0]);
    expect(last.current?.secureJsonFields).toEqual({ ...fields, 'inference.password': false });
    expect(last.current?.secureJsonData).toEqual(expect.objectContaining({ 'inference.password': '' }));
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 's3cret' } });
    expect(last.current?.secureJsonData).toEqual(expect.objectContaining({ 'inference.password': 's3cret' }));
    expect(last.current?.jsonData.inference).toEqual({ ...SAVED, tlsMode: 'verify-full' });
  });

  it('offers the CA certificate only where the server is verified', async () => {
    const { last, user } = setup(SAVED);
    expect(screen.queryByLabelText('CA certificate')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Client certificate')).toBeInTheDocument();
    await user.click(screen.getByLabelText('verify-full'));
    expect(last.current?.jsonData.inference).toEqual({ ...SAVED, tlsMode: 'verify-full' });
    fireEvent.change(screen.getByLabelText('CA certificate'), { target: { value: '-----BEGIN CERTIFICATE-----' } });
    expect(last.current?.secureJsonData).toEqual(
      expect.objectContaining({ 'inference.tlsCACert': '-----BEGIN CERTIFICATE-----' })
    );
    await user.click(screen.getByLabelText('disable'));
    expect(screen.queryByLabelText('Client certificate')).not.toBeInTheDocument();
  });

  it('keeps the column mapping when switching to ClickHouse and drops the PostgreSQL connection', async () => {
    const { last, user } = setup({ ...SAVED, tlsMode: 'verify-ca', statementTimeout: 30 });
    await user.click(screen.getByLabelText('ClickHouse'));
    expect(last.current?.jsonData.inference).toEqual({
      connector: 'clickhouse',
      table: 'public.predictions',
      timeColumn: 'ts',
      modelColumn: 'model_id',
      scoreColumn: 'score',
      labelColumn: 'label',
    });
    expect(screen.getByText(/is empty: give the HTTP interface/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^URL/), { target: { value: 'clickhouse:9000' } });
    expect(screen.getByText(/must be the HTTP interface's http\(s\):\/\/host:port/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^URL/), { target: { value: 'http://default:canary@clickhouse:8123' } });
    expect(screen.getByText(/without user or password: put those in their own fields/).textContent).not.toContain(
      'canary'
    );
  });

  it('drops the section and its secrets when turned off, or set to the demo fleet', async () => {
    const { last, user } = setup(SAVED, { 'inference.password': true });
    await user.click(screen.getByLabelText('Demo fleet'));
    expect(last.current?.jsonData.inference).toEqual({ connector: 'demo' });
    expect(last.current?.secureJsonFields).toEqual(
      expect.objectContaining({ 'inference.password': false, 'inference.tlsClientKey': false })
    );
    expect(last.current?.secureJsonData).toEqual(expect.objectContaining({ 'inference.password': '' }));
    await user.click(screen.getByLabelText('None'));
    expect(last.current?.jsonData.inference).toBeUndefined();
  });

  it('reads the saved table: its columns, their types and a preview of the mapped columns', async () => {
    setup(SAVED);
    expect(await screen.findByText(/6 columns in the saved table/)).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(
      '/api/datasources/uid/aiperf-pg/resources/inference/columns',
      undefined,
      undefined,
      { showErrorAlert: false }
    );
    const table = screen.getByRole('table', { name: 'Preview of the mapped columns' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent)
    ).toEqual(['ts', 'model_id', 'score', 'label']);
    expect(within(table).getByText('0.81')).toBeInTheDocument();
    expect(within(table).getByText('NULL')).toBeInTheDocument();
  });

  it('names a mapped column the table lacks, and one of the wrong type', async () => {
    setup({ ...SAVED, labelColumn: 'Label', features: [{ column: 'region', kind: 'numeric' }] });
    expect(
      await screen.findByText(
        'is not a column of public.predictions (did you mean label? names are case-sensitive): pick one the table has'
      )
    ).toBeInTheDocument();
    expect(
      screen.getByText('is text, but this needs a float or integer column: map another column, or cast it in a view')
    ).toBeInTheDocument();
  });

  it('shows why the table cannot be read, and reads it again on request', async () => {
    get.mockRejectedValue({ data: { message: 'password authentication failed for user "grafana_reader"' } });
    const { user } = setup(SAVED);
    expect(await screen.findByText(/password authentication failed/)).toBeInTheDocument();
    serveTable();
    await user.click(screen.getByRole('button', { name: 'Read the saved table again' }));
    expect(await screen.findByText(/6 columns in the saved table/)).toBeInTheDocument();
  });

  it('maps the unmapped columns as features of the kind their type says', async () => {
    const { last, user } = setup(SAVED);
    await user.click(await screen.findByRole('button', { name: 'Map the 2 unmapped columns as features' }));
    expect(last.current?.jsonData.inference).toEqual({
      ...SAVED,
      features: [
        { column: 'income', kind: 'numeric' },
        { column: 'region', kind: 'categorical' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Remove feature 1' }));
    expect(last.current?.jsonData.inference).toEqual({
      ...SAVED,
      features: [{ column: 'region', kind: 'categorical' }],
    });
  });

  it("keeps each feature's allowed values with it when a feature above is removed", async () => {
    const features = [
      { column: 'region', kind: 'categorical' as const, values: ['north', 'south'] },
      { column: 'channel', kind: 'categorical' as const, values: ['web'] },
    ];
    const { last, user } = setup({ ...SAVED, features });
    await user.click(screen.getByRole('button', { name: 'Remove feature 1' }));
    expect(last.current?.jsonData.inference).toEqual({ ...SAVED, features: [features[1]] });
    expect(screen.getByLabelText('Feature 1 allowed values')).toHaveValue('web');
  });

  it('asks for the classes of a multiclass task and the prediction column', async () => {
    const { last, user } = setup(SAVED);
    await user.click(screen.getByLabelText('Multiclass'));
    expect(last.current?.jsonData.inference).toEqual({ ...SAVED, task: 'multiclass' });
    expect(screen.getByText(/lists fewer than two classes/)).toBeInTheDocument();
    expect(screen.getByText(/is empty: a multiclass model's class/)).toBeInTheDocument();
    const classes = screen.getByLabelText(/^Classes/);
    fireEvent.change(classes, { target: { value: 'low, medium , high' } });
    fireEvent.blur(classes);
    expect(last.current?.jsonData.inference).toEqual({
      ...SAVED,
      task: 'multiclass',
      classes: ['low', 'medium', 'high'],
    });
  });

  it('reads the table again after a save, once Grafana no longer serves the settings of before', async () => {
    jest.useFakeTimers();
    try {
      const saved = (version: number) =>
        ({ uid: 'aiperf-pg', version, jsonData: { inference: SAVED }, secureJsonFields: {} }) as unknown as Settings;
      const { rerender } = render(<InferenceSection options={saved(3)} onOptionsChange={jest.fn()} />);
      expect(get).toHaveBeenCalledTimes(2);
      rerender(<InferenceSection options={saved(4)} onOptionsChange={jest.fn()} />);
      await act(async () => {
        jest.advanceTimersByTime(AFTER_SAVE_DELAY_MS - 100);
      });
      expect(get).toHaveBeenCalledTimes(2);
      await act(async () => {
        jest.advanceTimersByTime(100);
      });
      expect(get).toHaveBeenCalledTimes(4);
    } finally {
      jest.useRealTimers();
    }
  });

  it('warns that the backend refuses connectors while the demo is on', () => {
    render(
      <InferenceSection
        options={{ jsonData: { demoEnabled: true, inference: SAVED }, secureJsonFields: {} } as unknown as Settings}
        onOptionsChange={jest.fn()}
      />
    );
    expect(screen.getByText('The demo fleet is on')).toBeInTheDocument();
  });
});
