import { DataLink } from '@grafana/data';

import { prefixRoute } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';

/**
 * A table link into the drill-down of the row's model (its `model` field, the id),
 * keeping the time range and the data source; it can sit on any column, such as the name.
 */
export function modelDrilldownLink(): DataLink {
  return {
    title: 'Open ${__value.text}',
    url: `${prefixRoute(ROUTES.Models)}/\${__data.fields.model}?\${__url_time_range}&var-ds=\${ds}`,
  };
}
