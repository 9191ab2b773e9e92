export { cn } from './cn';
export { Badge, type BadgeProps } from './components/badge';
export { Button, buttonVariants, type ButtonProps } from './components/button';
export {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from './components/card';
export { ConfirmDialog } from './components/confirm-dialog';
export { CopyButton } from './components/copy-button';
export {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from './components/dialog';
export { EmptyState, ErrorState, LoadingRows, Skeleton, Spinner } from './components/feedback';
export { Field } from './components/field';
export { Input, Label, Select, Textarea } from './components/input';
export { PageHeader } from './components/page-header';
export { LoadMore, type NextPageLike } from './components/load-more';
export { QueryState, type QueryLike, type QueryStateProps } from './components/query-state';
export { Segmented } from './components/segmented';
export { Switch } from './components/switch';
export {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from './components/table';
export { Tabs, TabsContent, TabsList, TabsTrigger } from './components/tabs';
export { ThemeProvider, ThemeToggle } from './components/theme';
export { Toaster, toast } from './components/toast';
