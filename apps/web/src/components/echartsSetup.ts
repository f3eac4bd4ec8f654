/**
 * The parts of ECharts the product draws with, imported by name so the bundler leaves the rest out (bars,
 * pies, the grid, tooltips, legends, the canvas renderer). Loaded only by `EChart` on first use.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };
