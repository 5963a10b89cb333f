// The icons the app uses, registered by name so route meta can name them.
import {
  HomeFilled, User, UserFilled, Document, Reading, Setting, Lock, Key, SwitchButton,
  Fold, Expand, Search, Refresh, Plus, Edit, Unlock, CircleCheck, CircleClose, ArrowDown,
  Location, School, Connection, Link, Download, Warning, Tickets, Monitor, Calendar,
  OfficeBuilding, Grid, Avatar, DataAnalysis, Upload,
} from '@element-plus/icons-vue';

export const icons = {
  HomeFilled, User, UserFilled, Document, Reading, Setting, Lock, Key, SwitchButton,
  Fold, Expand, Search, Refresh, Plus, Edit, Unlock, CircleCheck, CircleClose, ArrowDown,
  Location, School, Connection, Link, Download, Warning, Tickets, Monitor, Calendar,
  OfficeBuilding, Grid, Avatar, DataAnalysis, Upload,
};

export function registerIcons(app) {
  for (const [name, comp] of Object.entries(icons)) app.component(name, comp);
}
