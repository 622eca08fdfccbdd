import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { testIds } from '../testIds';
import { setUpComboboxEnvironment } from './comboboxTestEnv';
import type { DataSource } from './datasource';
import { VariableResource, type AiperfVariableQuery } from './types';
import { VariableQueryEditor } from './VariableQueryEditor';

setUpComboboxEnvironment();

function setup(query: Partial<AiperfVariableQuery>) {
  const onChange = jest.fn();
  render(
    <VariableQueryEditor
      datasource={{} as DataSource}
      query={{ refId: 'variable', ...query } as AiperfVariableQuery}
      onChange={onChange}
      onRunQuery={jest.fn()}
    />
  );
  return { onChange, user: userEvent.setup() };
}

describe('VariableQueryEditor', () => {
  it('lists models by default, stores that choice and needs nothing else', () => {
    const { onChange } = setup({});
    expect(screen.getByTestId(testIds.queryEditor.variableResource)).toHaveValue('Models');
    expect(screen.queryByTestId(testIds.queryEditor.variableModel)).not.toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith({ refId: 'variable', resource: VariableResource.Models });
  });

  it('switches to features', async () => {
    const { onChange, user } = setup({ resource: VariableResource.Models });
    await user.click(screen.getByTestId(testIds.queryEditor.variableResource));
    await user.click(await screen.findByRole('option', { name: /Features/ }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'variable', resource: VariableResource.Features });
  });

  it('asks for the model whose features to list', () => {
    setup({ resource: VariableResource.Features });
    expect(screen.getByText(/Enter a model: listing features or attributes needs one/)).toBeInTheDocument();
  });

  it('chains attributes to the $model variable', async () => {
    const { onChange, user } = setup({ resource: VariableResource.Attributes });
    await user.type(screen.getByTestId(testIds.queryEditor.variableModel), ' $model ');
    await user.tab();
    expect(onChange).toHaveBeenCalledWith({
      refId: 'variable',
      resource: VariableResource.Attributes,
      model: '$model',
    });
  });
});
