import { DataLink } from '@grafana/data';

import { prefixRoute } from '../../utils/utils.routing';
import { ROUTES } from '../../constants';

/** A table link from a `model` cell into that model's drill-down, keeping the time range. */
export function modelDrilldownLink(): DataLink {
  return {
    title: 'Open ${__value.text}',
    url: `${prefixRoute(ROUTES.Models)}/\${__value.raw}?\${__url_time_range}&var-ds=\${ds}`,
  };
}
